package hu.miskolc.fourim.cohort;

/** Names the {@code cohort} model and its clients rely on. */
public final class CohortProcess {

    public static final String KEY = "cohort";
    /** BPMN error of forming the group: no valid member, or a facilitator who is not on the list. */
    public static final String ERROR_INVALID_SELECTION = "invalid-cohort";
    /** BPMN error of applying the results: a member ticked both as completed and as partially completed. */
    public static final String ERROR_INVALID_RESULTS = "invalid-results";

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
    /** The sessions: the first day, how many, how many days apart, and optional topics (one a line). */
    public static final String FIRST_SESSION_DATE = "firstSessionDate";
    public static final String SESSION_COUNT = "sessionCount";
    public static final String SESSION_INTERVAL_DAYS = "sessionIntervalDays";
    public static final String SESSION_TOPICS = "sessionTopics";
    public static final String SELECTION_PROBLEM = "selectionProblem";

    public static final String SESSION_IDS = "sessionIds";
    public static final String SESSION_ID = "sessionId";
    /**
     * The facilitator's forms: checklists over the members still in the group (case references). Plain checklists,
     * no dynamic lists: Tasklist 7.24's form-js keeps Complete disabled once two fields of a dynamic list row were
     * edited (bpmn-io/form-js#1494).
     */
    public static final String ATTENDANCE_OPTIONS = "attendanceOptions";
    public static final String PRESENT_CASE_REFS = "presentCaseRefs";
    public static final String LEFT_CASE_REFS = "leftCaseRefs";
    public static final String ATTENDANCE_NOTE = "attendanceNote";
    public static final String RESULT_OPTIONS = "resultOptions";
    public static final String COMPLETED_CASE_REFS = "completedCaseRefs";
    public static final String PARTIAL_CASE_REFS = "partialCaseRefs";
    public static final String RESULTS_PROBLEM = "resultsProblem";

    private CohortProcess() {
    }
}
