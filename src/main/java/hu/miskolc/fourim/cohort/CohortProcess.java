package hu.miskolc.fourim.cohort;

/** Names the {@code cohort} model and its clients rely on. */
public final class CohortProcess {

    public static final String KEY = "cohort";
    /** BPMN error of forming the group: no valid member, or a facilitator who is not on the list. */
    public static final String ERROR_INVALID_SELECTION = "invalid-cohort";

    /** Start form. */
    public static final String DISTRICT_CODE = "districtCode";
    public static final String PACKAGE = "package";
    public static final String COHORT_NAME = "cohortName";
    public static final String CREATED_BY = "createdBy";

    public static final String COHORT_ID = "cohortId";
    public static final String COHORT_REFERENCE = "cohortReference";
    public static final String DISTRICT_NAME = "districtName";
    public static final String PACKAGE_LABEL = "packageLabel";
    /** The group-forming form: options, and the choices. */
    public static final String CANDIDATE_OPTIONS = "candidateOptions";
    public static final String FACILITATOR_OPTIONS = "facilitatorOptions";
    public static final String MEMBER_CASE_REFS = "memberCaseRefs";
    public static final String FACILITATOR = "facilitator";
    public static final String SESSIONS = "sessions";
    public static final String SELECTION_PROBLEM = "selectionProblem";

    public static final String SESSION_IDS = "sessionIds";
    public static final String SESSION_ID = "sessionId";
    /** The facilitator's list forms, one row per member. */
    public static final String ATTENDANCE = "attendance";
    public static final String RESULTS = "results";

    private CohortProcess() {
    }
}
