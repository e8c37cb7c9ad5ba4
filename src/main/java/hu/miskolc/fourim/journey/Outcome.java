package hu.miskolc.fourim.journey;

import hu.miskolc.fourim.CodedValue;
import java.util.Optional;

/** Closure outcomes of a journey; the programme KPI is computed from them. */
public enum Outcome implements CodedValue {
    EMPLOYED_FULL("employed-full", true),
    EMPLOYED_HOME("employed-home", true),
    EMPLOYED_REDUCED("employed-reduced", true),
    IN_TRAINING("in-training", true),
    ACTIVATED("activated", true),
    CLOSER_TO_SERVICES("closer-to-services", false),
    DROPPED_OUT("dropped-out", false),
    MOVED_AWAY("moved-away", false),
    DECEASED("deceased", false);

    private final String code;
    private final boolean activation;

    Outcome(String code, boolean activation) {
        this.code = code;
        this.activation = activation;
    }

    @Override
    public String code() {
        return code;
    }

    /** Employment, training or another activating measure: counts toward the 80% target for the ready. */
    public boolean activation() {
        return activation;
    }

    public static Optional<Outcome> fromCode(String code) {
        return CodedValue.fromCode(Outcome.class, code);
    }
}
