package hu.miskolc.fourim.survey;

/** Names the {@code household-survey} model and its clients rely on. */
public final class HouseholdSurveyProcess {

    public static final String KEY = "household-survey";

    public static final String HOUSEHOLD_ID = "householdId";
    public static final String CASE_REF = "caseRef";
    public static final String DISTRICT_CODE = "districtCode";
    public static final String DISTRICT_NAME = "districtName";
    public static final String ADDRESS = "address";
    public static final String PLANNED_VISIT_NOTE = "plannedVisitNote";
    public static final String VISIT_OUTCOME = "visitOutcome";
    public static final String VISIT_ATTEMPTS = "visitAttempts";
    public static final String CLOSE_STATUS = "closeStatus";
    public static final String SURVEY_ROUND = "surveyRound";
    public static final String MEMBERS = "members";
    public static final String TENURE = "tenure";
    public static final String UTILITIES = "utilities";
    public static final String ROOMS = "rooms";
    public static final String HOUSEHOLD_INCOME = "householdIncome";
    public static final String HAS_DEBTS = "hasDebts";
    public static final String WELFARE_SCORE = "welfareScore";
    public static final String MEMBERS_MISSING_DOCUMENTS = "membersMissingDocuments";
    public static final String JOURNEYS_STARTED = "journeysStarted";
    public static final String MEMBER_ID = "memberId";
    public static final String MEMBER_COUNT = "memberCount";
    public static final String MORE_MEMBERS = "moreMembers";
    /** The fields of the household-member form, one member per task. */
    public static final java.util.List<String> MEMBER_FIELDS = java.util.List.of("firstName", "birthYear", "relation",
            "schooling", "employmentStatus", "workCapacity", "healthLimits", "incomeSources", "hasAddressCard",
            "hasTajCard", "agreesToContact");

    private HouseholdSurveyProcess() {
    }
}
