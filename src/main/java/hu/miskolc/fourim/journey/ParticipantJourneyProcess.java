package hu.miskolc.fourim.journey;

import java.util.List;

/** Names the {@code participant-journey} model and its clients rely on. */
public final class ParticipantJourneyProcess {

    public static final String KEY = "participant-journey";
    public static final String MESSAGE_WITHDRAWN = "ParticipantWithdrawn";
    /** From council-review: a council item was opened for this case; the journey waits for its decision. */
    public static final String MESSAGE_COUNCIL_ESCALATION = "CouncilEscalationRequested";
    /** From council-review: the council decided (fixed by the contract). */
    public static final String MESSAGE_COUNCIL_DECISION_MADE = "CouncilDecisionMade";

    public static final String PARTICIPANT_ID = "participantId";
    public static final String PARTICIPANT_MEMBER_ID = "participantMemberId";
    public static final String CASE_REF = "caseRef";
    public static final String HOUSEHOLD_ID = "householdId";
    public static final String DISTRICT_CODE = "districtCode";
    public static final String DISTRICT_NAME = "districtName";
    public static final String FIRST_NAME = "firstName";
    public static final String CONSENT_DECISION = "consentDecision";
    public static final String MISSING_DOCUMENTS = "missingDocuments";
    public static final String PACKAGE_DECISIONS = "packageDecisions";
    public static final String PENDING_PACKAGES = "pendingPackages";
    public static final String ACCEPTED_PACKAGES = "acceptedPackages";
    public static final String PACKAGE = "package";
    public static final String REFERRAL_DECISION = "referralDecision";
    public static final String RETURN_REASON = "returnReason";
    public static final String ANY_RETURNED = "anyReturned";
    public static final String REFERRAL_RETURNS = "referralReturns";
    public static final String LAST_RETURN_REASON = "lastReturnReason";
    public static final String COORDINATOR_DECISION = "coordinatorDecision";
    public static final String FOLLOW_UP_DECISION = "followUpDecision";
    public static final String CONTACT_MADE = "contactMade";
    public static final String OUTCOME = "outcome";

    /** Local to one escalation (the event sub-process): which council item, and what the council decided. */
    public static final String COUNCIL_ITEM_ID = "councilItemId";
    public static final String COUNCIL_DECISION = "councilDecision";
    public static final String COUNCIL_INSTRUCTION = "councilInstruction";
    public static final String COUNCIL_PACKAGE = "councilPackage";
    public static final String COUNCIL_SUPPORT = "councilSupport";
    /** The supports granted to the person (benefit-application), as the journey's forms show them. */
    public static final String GRANTED_SUPPORTS = "grantedSupports";
    /** The follow-up form: the coach puts the case before the council. */
    public static final String ESCALATE_TO_COUNCIL = "escalateToCouncil";
    public static final String COUNCIL_QUESTION = "councilQuestion";

    /** The inputs of the {@code service-package-assignment} decision, from the needs assessment. */
    public static final List<String> ASSESSMENT_FLAGS = List.of("cooperating", "readyForWork", "lacksSchooling",
            "lacksQualification", "housingBarrier", "transportBarrier", "healthBarrier", "debtBarrier",
            "legalBarrier", "familyBarrier");
    public static final String WORK_CAPACITY = "workCapacity";

    private ParticipantJourneyProcess() {
    }
}
