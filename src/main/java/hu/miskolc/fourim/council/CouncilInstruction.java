package hu.miskolc.fourim.council;

import hu.miskolc.fourim.CodedValue;
import java.util.Optional;

/** What an approved (or amended) decision tells the case to do; the journey acts on it. */
public enum CouncilInstruction implements CodedValue {
    NONE("none", "nincs további teendő"),
    ADD_PACKAGE("add-package", "szolgáltatási csomag hozzáadása"),
    BENEFIT_APPLICATION("benefit-application", "támogatási kérelem indítása");

    private final String code;
    private final String label;

    CouncilInstruction(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<CouncilInstruction> fromCode(String code) {
        return CodedValue.fromCode(CouncilInstruction.class, code);
    }
}
