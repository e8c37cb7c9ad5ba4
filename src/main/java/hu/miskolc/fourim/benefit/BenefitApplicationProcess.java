package hu.miskolc.fourim.benefit;

/** Names the {@code benefit-application} model and its clients rely on. */
public final class BenefitApplicationProcess {

    public static final String KEY = "benefit-application";
    public static final String DECISION_KEY = "benefit-eligibility";
    /** BPMN error of the registration: the case reference is unknown in the district. */
    public static final String ERROR_UNKNOWN_CASE = "unknown-case";

    /** Start form (and the start from a journey). */
    public static final String DISTRICT_CODE = "districtCode";
    public static final String DISTRICT_NAME = "districtName";
    public static final String CASE_REF = "caseRef";
    public static final String SUPPORT_TYPE = "supportType";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String COUNCIL_ITEM_ID = "councilItemId";

    public static final String APPLICATION_ID = "applicationId";
    public static final String APPLICATION_REFERENCE = "applicationReference";
    public static final String SUPPORT_LABEL = "supportLabel";
    public static final String COMPETENCE = "competence";
    public static final String COMPETENCE_LABEL = "competenceLabel";
    public static final String MEMBER_ID = "memberId";
    public static final String UNKNOWN_CASE_REASON = "unknownCaseReason";
    public static final String DOCUMENTS_MISSING = "documentsMissing";

    /** Inputs of the {@code benefit-eligibility} decision. */
    public static final String AGE = "age";
    public static final String INCOME_PER_HEAD = "incomePerHead";
    public static final String EMPLOYED = "employed";
    public static final String HAS_CHILDREN = "hasChildren";
    public static final String CARES_FOR_RELATIVE = "caresForRelative";
    public static final String CHRONIC_ILLNESS = "chronicIllness";
    public static final String CRISIS_SITUATION = "crisisSituation";
    public static final String ELIGIBILITY = "eligibility";
    public static final String ELIGIBLE = "eligible";
    public static final String ELIGIBILITY_REASON = "eligibilityReason";

    /** Municipal decision: the case administrator's proposal, the coordinator's approval (four eyes). */
    public static final String PROPOSED_DECISION = "proposedDecision";
    public static final String PREPARED_BY = "preparedBy";
    public static final String APPROVED = "approved";
    public static final String RETURN_NOTE = "returnNote";
    /** State competence: the state office's decision as recorded by the case administrator. */
    public static final String STATE_OFFICE = "stateOffice";
    public static final String SUBMITTED_ON = "submittedOn";
    public static final String STATE_DECISION = "stateDecision";
    public static final String AMOUNT_HUF = "amountHuf";
    public static final String PERIOD_FROM = "periodFrom";
    public static final String PERIOD_TO = "periodTo";
    public static final String DECISION_REASON = "decisionReason";

    private BenefitApplicationProcess() {
    }
}
