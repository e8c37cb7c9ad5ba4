package hu.miskolc.fourim.identity;

import java.util.List;

/** The candidate groups of the public contract (CONTRACT.md); process models and Tasklist filters rely on them. */
public final class Groups {

    public static final String COORDINATORS = "coordinators";
    public static final String COACHES = "coaches";
    public static final String FIELD_ASSISTANTS = "field-assistants";
    public static final String EMPLOYMENT_ADVISERS = "employment-advisers";
    public static final String SERVICE_ACCESS = "service-access";
    public static final String CASE_ADMINISTRATORS = "case-administrators";
    public static final String COUNCIL = "council";
    public static final String MANAGERS = "managers";
    public static final String WG_EMPLOYMENT = "wg-employment";
    public static final String WG_EDUCATION = "wg-education";
    public static final String WG_LIVING_CONDITIONS = "wg-living-conditions";
    public static final String WG_OPEN_DOOR = "wg-open-door";
    public static final String WG_MOTIVATION = "wg-motivation";
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    /** Group id and the Hungarian name shown in Admin and Tasklist. */
    public record Definition(String id, String name) {
    }

    public static final List<Definition> ALL = List.of(
            new Definition(COORDINATORS, "Koordinátorok"),
            new Definition(COACHES, "Közösségi coachok"),
            new Definition(FIELD_ASSISTANTS, "Terepi asszisztensek"),
            new Definition(EMPLOYMENT_ADVISERS, "Foglalkoztatási tanácsadók"),
            new Definition(SERVICE_ACCESS, "Szolgáltatáshoz való hozzáférést segítő személyzet"),
            new Definition(CASE_ADMINISTRATORS, "Ügyintézők"),
            new Definition(COUNCIL, "Társadalmi Innovációs Tanács"),
            new Definition(MANAGERS, "Folyamatgazdák"),
            new Definition(WG_EMPLOYMENT, "Foglalkoztatás munkacsoport"),
            new Definition(WG_EDUCATION, "Oktatás és képzés munkacsoport"),
            new Definition(WG_LIVING_CONDITIONS, "Életkörülmények javítása munkacsoport"),
            new Definition(WG_OPEN_DOOR, "Nyitott ajtó munkacsoport"),
            new Definition(WG_MOTIVATION, "Motiváció és mobilizáció munkacsoport"),
            new Definition(CAMUNDA_ADMIN, "Rendszergazdák"));

    /** The five working groups, one per service package ({@code wg-<package>}). */
    public static final List<String> WORKING_GROUPS = List.of(WG_EMPLOYMENT, WG_EDUCATION, WG_LIVING_CONDITIONS,
            WG_OPEN_DOOR, WG_MOTIVATION);

    /** Groups whose members work tasks in Tasklist. */
    public static final List<String> WORKERS = List.of(COORDINATORS, COACHES, FIELD_ASSISTANTS, EMPLOYMENT_ADVISERS,
            SERVICE_ACCESS, CASE_ADMINISTRATORS, COUNCIL, MANAGERS, WG_EMPLOYMENT, WG_EDUCATION, WG_LIVING_CONDITIONS,
            WG_OPEN_DOOR, WG_MOTIVATION);

    private Groups() {
    }
}
