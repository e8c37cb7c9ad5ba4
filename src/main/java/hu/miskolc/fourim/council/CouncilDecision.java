package hu.miskolc.fourim.council;

import hu.miskolc.fourim.CodedValue;
import java.util.Optional;

/** What the council can decide on an item; also the three votes a member can cast. */
public enum CouncilDecision implements CodedValue {
    APPROVE("approve", "jóváhagyva"),
    REJECT("reject", "elutasítva"),
    AMEND("amend", "módosítással elfogadva");

    private final String code;
    private final String label;

    CouncilDecision(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    /** Hungarian, for mails and minutes. */
    public String label() {
        return label;
    }

    public static Optional<CouncilDecision> fromCode(String code) {
        return CodedValue.fromCode(CouncilDecision.class, code);
    }
}
