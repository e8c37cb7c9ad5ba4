package hu.miskolc.fourim.benefit;

import hu.miskolc.fourim.CodedValue;
import java.util.Optional;

/**
 * The supports a case administrator may apply for (DOMAIN.md §3, from the city's social-support overview): state
 * competence supports are submitted to the state office with the person's help; municipal ones (the Miskolc social
 * decree) are decided by the city — prepared by a case administrator, approved by a coordinator.
 */
public enum BenefitSupport implements CodedValue {
    ACTIVE_AGE_BENEFIT("active-age-benefit", "Aktív korúak ellátása", Competence.STATE),
    OLD_AGE_ALLOWANCE("old-age-allowance", "Időskorúak járadéka", Competence.STATE),
    CARE_FEE("care-fee", "Ápolási díj", Competence.STATE),
    HEALTH_SUPPORT("health-support", "Egészségi állapothoz kapcsolódó szociális támogatás", Competence.STATE),
    CHILD_PROTECTION("child-protection", "Gyermekvédelmi támogatás", Competence.STATE),
    CRISIS_SUPPORT("crisis-support", "Krízishelyzetben megállapítható támogatás", Competence.MUNICIPAL),
    MEDICATION("medication", "Gyógyszertámogatás", Competence.MUNICIPAL),
    HOUSING_MAINTENANCE("housing-maintenance", "Lakásfenntartási támogatás", Competence.MUNICIPAL),
    LIFE_START("life-start", "Életkezdési támogatás", Competence.MUNICIPAL),
    BIRTH("birth", "Születési támogatás", Competence.MUNICIPAL),
    SCHOOLING("schooling", "Iskoláztatási támogatás", Competence.MUNICIPAL),
    CHILD_MEAL_DISCOUNT("child-meal-discount", "Gyermekétkeztetési térítési díj kedvezménye", Competence.MUNICIPAL),
    LOCAL_TRANSPORT("local-transport", "Helyi tömegközlekedés igénybevételéhez biztosított támogatás",
            Competence.MUNICIPAL),
    YOUTH_PROTECTION("youth-protection", "Ifjúságvédelmi támogatás", Competence.MUNICIPAL),
    SALKAHAZI_PROGRAMME("salkahazi-programme", "Salkaházi Sára Miskolc Program", Competence.MUNICIPAL),
    EXTRAORDINARY_SUPPORT("extraordinary-support", "Rendkívüli települési támogatás (pl. temetési)",
            Competence.MUNICIPAL);

    public enum Competence {
        STATE("state", "állami hatáskör"),
        MUNICIPAL("municipal", "önkormányzati döntés");

        private final String code;
        private final String label;

        Competence(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String code() {
            return code;
        }

        public String label() {
            return label;
        }
    }

    private final String code;
    private final String label;
    private final Competence competence;

    BenefitSupport(String code, String label, Competence competence) {
        this.code = code;
        this.label = label;
        this.competence = competence;
    }

    @Override
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public Competence competence() {
        return competence;
    }

    public static Optional<BenefitSupport> fromCode(String code) {
        return CodedValue.fromCode(BenefitSupport.class, code);
    }
}
