package hu.miskolc.fourim.journey;

import hu.miskolc.fourim.CodedValue;

/** The five integrated service packages of the 4IM model, each run by its working group ({@code wg-<code>}). */
public enum ServicePackage implements CodedValue {
    EMPLOYMENT("employment", "Foglalkoztatás"),
    EDUCATION("education", "Oktatás és képzés"),
    LIVING_CONDITIONS("living-conditions", "Az életkörülmények javítása a foglalkoztathatóság érdekében"),
    OPEN_DOOR("open-door", "„Nyitott ajtó/kapu” – az életminőség javítása"),
    MOTIVATION("motivation", "Motiváció és mobilizáció");

    private final String code;
    private final String label;

    ServicePackage(String code, String label) {
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

    public String workingGroup() {
        return "wg-" + code;
    }

    public static ServicePackage fromCode(String code) {
        return CodedValue.fromCode(ServicePackage.class, code)
                .orElseThrow(() -> new IllegalArgumentException("Unknown service package: " + code));
    }
}
