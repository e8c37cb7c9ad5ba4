package hu.miskolc.fourim.council;

import hu.miskolc.fourim.journey.ParticipantJourneyProcess;

/** Names the {@code council-review} model and its clients rely on. */
public final class CouncilReviewProcess {

    public static final String KEY = "council-review";
    /** council-review → the waiting case (participant-journey): the council decided. Fixed by the contract. */
    public static final String MESSAGE_DECISION_MADE = ParticipantJourneyProcess.MESSAGE_COUNCIL_DECISION_MADE;
    /** council-review → the case it was escalated from: wait for the decision of this item. */
    public static final String MESSAGE_ESCALATION_REQUESTED = ParticipantJourneyProcess.MESSAGE_COUNCIL_ESCALATION;

    public static final String COUNCIL_ITEM_ID = ParticipantJourneyProcess.COUNCIL_ITEM_ID;
    public static final String ITEM_REFERENCE = "itemReference";
    public static final String ITEM_KIND = "itemKind";
    public static final String ITEM_TITLE = "itemTitle";
    public static final String ITEM_QUESTION = "itemQuestion";
    public static final String ITEM_SUMMARY = "itemSummary";
    public static final String CASE_REF = "caseRef";
    public static final String CASE_PROCESS_INSTANCE_ID = "caseProcessInstanceId";
    public static final String PARTICIPANT_ID = "participantId";
    public static final String PARTICIPANT_FIRST_NAME = "participantFirstName";
    public static final String DISTRICT_CODE = "districtCode";
    public static final String DISTRICT_NAME = "districtName";
    public static final String SUBMITTED_BY = "submittedBy";

    /** The coordinator's agenda form. */
    public static final String MEETING_DATE = "meetingDate";
    public static final String MEETING_PLACE = "meetingPlace";
    public static final String PROPOSED_RESOLUTION = "proposedResolution";
    public static final String PROPOSED_INSTRUCTION = "proposedInstruction";
    public static final String INSTRUCTION_PACKAGE = "instructionPackage";
    public static final String INSTRUCTION_SUPPORT = "instructionSupport";

    public static final String MEETING_ID = "meetingId";
    public static final String VOTING_DEADLINE = "votingDeadline";
    public static final String COUNCIL_MEMBERS = "councilMembers";
    public static final String COUNCIL_MEMBER = "councilMember";

    /** The vote form (task-local: every member's vote is their own). */
    public static final String VOTE = "vote";
    public static final String VOTE_COMMENT = "voteComment";
    public static final String AMENDMENT = "amendmentText";
    public static final String CHAIR_DECIDES = "chairDecides";
    public static final String IS_CHAIR = "isChair";

    /** {@code decided} (quorum and majority), {@code chair} or {@code postponed} (tie or no quorum). */
    public static final String VOTING_OUTCOME = "votingOutcome";
    public static final String COUNCIL_DECISION = ParticipantJourneyProcess.COUNCIL_DECISION;

    private CouncilReviewProcess() {
    }
}
