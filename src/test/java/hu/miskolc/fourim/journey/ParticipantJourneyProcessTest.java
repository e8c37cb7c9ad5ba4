package hu.miskolc.fourim.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ParticipantJourneyProcessTest extends ProcessTestSupport {

    @Autowired
    TestJourneys people;
    @Autowired
    ParticipantRepository participants;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void noConsentEndsTheJourneyAndErasesTheName() {
        ProcessInstance journey = startJourney("Erzsébet");
        assertThat(journey).isWaitingAt("Task_IntakeConsent").task().hasCandidateGroup("service-access")
                .hasCandidateGroup("coaches");
        assertThat(journey.getTenantId()).isEqualTo("babonyiberc");

        completeAt(journey, "Task_IntakeConsent", Map.of("consentDecision", "refused"));

        assertThat(journey).isEnded().hasPassed("Task_EraseNonConsenting", "EndEvent_NoConsent");
        Map<String, Object> participant = participantRow(journey);
        assertThat(participant.get("status")).isEqualTo("no-consent");
        assertThat(jdbc.queryForObject("select first_name from household_member where id = ?", String.class,
                participant.get("member_id"))).isNull();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(journey.getId()).variableName("firstName").count()).isZero();
    }

    @Test
    void twoPackagesRunInParallelThroughDeliveryFollowUpAndClosure() {
        ProcessInstance journey = startJourney("Gábor");
        consent(journey);
        assess(journey, Map.of("readyForWork", true, "lacksQualification", true, "workCapacity", "full"));

        assertThat(journey).isWaitingAt("Task_AcceptReferral");
        List<Task> referrals = taskQuery().processInstanceId(journey.getId()).taskDefinitionKey("Task_AcceptReferral")
                .list();
        assertThat(referrals).hasSize(2);
        assertThat(referrals).anySatisfy(t -> assertThat(t).hasCandidateGroup("wg-employment"));
        assertThat(referrals).anySatisfy(t -> assertThat(t).hasCandidateGroup("wg-education"));
        referrals.forEach(t -> engine.getTaskService().complete(t.getId(), Map.of("referralDecision", "accept")));

        assertThat(journey).isWaitingAt("Task_ActionPlan").task().hasCandidateGroup("coaches");
        completeAt(journey, "Task_ActionPlan", Map.of("planGoals", "Állás és szakképesítés",
                "agreedWithParticipant", true));

        // employment: matching → placement (first fails, then succeeds) → 90 days → retention check
        completeAt(journey, "Task_JobMatching", Map.of("matchedOffers", 3));
        completeAt(journey, "Task_JobPlacement", Map.of("placed", "no"));
        completeAt(journey, "Task_JobMatching", Map.of("matchedOffers", 2));
        completeAt(journey, "Task_JobPlacement", Map.of("placed", "yes"));
        fireTimer(journey, "Timer_RetentionWait");
        completeAt(journey, "Task_RetentionCheck", Map.of("stillEmployed", "yes"));
        // education: enrolment → completion
        completeAt(journey, "Task_TrainingEnrolment", Map.of("courseName", "Targoncavezető", "enrolled", "yes"));
        completeAt(journey, "Task_TrainingCompletion", Map.of("trainingCompleted", "yes"));

        assertThat(journey).isWaitingAt("Timer_NextFollowUp");
        fireTimer(journey, "Timer_NextFollowUp");
        completeAt(journey, "Task_FollowUp", Map.of("contactMade", "yes", "followUpDecision", "continue"));
        fireTimer(journey, "Timer_NextFollowUp");
        completeAt(journey, "Task_FollowUp", Map.of("contactMade", "yes", "followUpDecision", "close"));
        completeAt(journey, "Task_CloseCase", Map.of("outcome", "employed-full"));

        assertThat(journey).isEnded().hasPassed("Task_RetentionCheck", "Task_TrainingCompletion", "EndEvent_Closed");
        Map<String, Object> participant = participantRow(journey);
        assertThat(participant.get("outcome")).isEqualTo("employed-full");
        assertThat(participant.get("ready_at_start")).isEqualTo(true);
        assertThat(jdbc.queryForList("select package from referral where participant_id = ? and status = 'accepted'",
                String.class, participant.get("id"))).containsExactlyInAnyOrder("employment", "education");
        assertThat(jdbc.queryForObject("select count(*) from journey_milestone where participant_id = ?",
                Integer.class, participant.get("id"))).isEqualTo(8); // plan, 2×matching, 2×placement, retention, enrolment, completion
        assertThat(jdbc.queryForObject("select count(*) from follow_up where participant_id = ? and kind = 'done'",
                Integer.class, participant.get("id"))).isEqualTo(2);
    }

    @Test
    void aReferralReturnedTwiceGoesToTheCoordinator() {
        ProcessInstance journey = startJourney("Zoltán");
        consent(journey);
        assess(journey, Map.of("debtBarrier", true));
        assertThat(taskAt(journey, "Task_AcceptReferral")).hasCandidateGroup("wg-open-door");
        completeAt(journey, "Task_AcceptReferral", Map.of("referralDecision", "return",
                "returnReason", "Nem a mi csoportunk"));

        assertThat(journey).isWaitingAt("Task_NeedsAssessment"); // back to re-assessment
        assess(journey, Map.of("debtBarrier", true, "familyBarrier", true));
        completeAt(journey, "Task_AcceptReferral", Map.of("referralDecision", "return",
                "returnReason", "Továbbra sem illik"));

        assertThat(journey).isWaitingAt("Task_ReviewReturnedReferral").task().hasCandidateGroup("coordinators");
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "lastReturnReason"))
                .isEqualTo("Továbbra sem illik");
        completeAt(journey, "Task_ReviewReturnedReferral", Map.of("coordinatorDecision", "reassess"));
        assertThat(journey).isWaitingAt("Task_NeedsAssessment");
        assess(journey, Map.of("cooperating", false));
        assertThat(taskAt(journey, "Task_AcceptReferral")).hasCandidateGroup("wg-motivation");
        completeAt(journey, "Task_AcceptReferral", Map.of("referralDecision", "return", "returnReason", "Nem jön"));
        completeAt(journey, "Task_ReviewReturnedReferral", Map.of("coordinatorDecision", "close"));
        completeAt(journey, "Task_CloseCase", Map.of("outcome", "dropped-out"));
        assertThat(journey).isEnded().hasPassedInOrder("Task_ReviewReturnedReferral", "Task_CloseCase");
        assertThat(participantRow(journey).get("referral_returns")).isEqualTo(3);
    }

    @Test
    void coordinatorCanContinueWithTheAcceptedPackages() {
        ProcessInstance journey = startJourney("Ilona");
        consent(journey);
        assess(journey, Map.of("housingBarrier", true, "healthBarrier", true));
        decideReferral(journey, "living-conditions", "accept");
        decideReferral(journey, "open-door", "return");
        assess(journey, Map.of("housingBarrier", true, "healthBarrier", true));
        decideReferral(journey, "open-door", "return");
        completeAt(journey, "Task_ReviewReturnedReferral", Map.of("coordinatorDecision", "continue"));

        assertThat(journey).isWaitingAt("Task_ActionPlan");
        completeAt(journey, "Task_ActionPlan", Map.of("planGoals", "Lakhatás", "agreedWithParticipant", true));
        assertThat(taskAt(journey, "Task_ServiceGiven")).hasCandidateGroup("wg-living-conditions");
        completeAt(journey, "Task_ServiceGiven", Map.of("serviceDescription", "Szemétszállítás megszervezése"));
        completeAt(journey, "Task_ServiceEffect", Map.of("effect", "improved"));
        assertThat(journey).isWaitingAt("Timer_NextFollowUp");
    }

    @Test
    void overdueFollowUpRemindsTheCoachThenEscalatesToCoordinators() {
        ProcessInstance journey = startJourney("Katalin");
        consent(journey);
        assess(journey, Map.of("cooperating", true));
        decideReferral(journey, "motivation", "accept");
        completeAt(journey, "Task_ActionPlan", Map.of("planGoals", "Közösségi program", "agreedWithParticipant", true));
        completeAt(journey, "Task_ServiceGiven", Map.of("serviceDescription", "Gyerekprogram"));
        completeAt(journey, "Task_ServiceEffect", Map.of("effect", "unchanged"));
        fireTimer(journey, "Timer_NextFollowUp");
        assertThat(journey).isWaitingAt("Task_FollowUp");
        assertThat(taskAt(journey, "Task_FollowUp").getDueDate()).isNotNull();

        String followUpTask = taskAt(journey, "Task_FollowUp").getId();
        fireTimer(journey, "BoundaryEvent_FollowUpDueSoon");
        assertThat(journey).hasPassed("Task_SendFollowUpReminder").isWaitingAt("Task_FollowUp");
        // nobody claimed the follow-up yet: every coach is reminded, once
        assertThat(queuedMail("follow-up-due:" + followUpTask + ":%")).containsEntry("coach", "follow-up-reminder");
        fireTimer(journey, "BoundaryEvent_FollowUpOverdue");
        assertThat(journey).isWaitingAt("Task_FollowUp", "Task_FollowUpEscalation");
        assertThat(taskAt(journey, "Task_FollowUpEscalation")).hasCandidateGroup("coordinators");
        assertThat(queuedMail("follow-up-overdue:" + taskAt(journey, "Task_FollowUpEscalation").getId() + ":%"))
                .containsEntry("coordinator", "follow-up-escalation");
        Object participantId = participantRow(journey).get("id");
        assertThat(jdbc.queryForList("select kind from follow_up where participant_id = ? order by id", String.class,
                participantId)).containsExactly("reminder", "escalation");

        completeAt(journey, "Task_FollowUpEscalation", Map.of("escalationAction", "Felhívtam a coachot"));
        completeAt(journey, "Task_FollowUp", Map.of("contactMade", "no", "followUpDecision", "close"));
        completeAt(journey, "Task_CloseCase", Map.of("outcome", "closer-to-services"));
        assertThat(journey).isEnded();
    }

    @Test
    void missingDocumentsStartDocumentAssistanceBesideTheReferrals() {
        ProcessInstance journey = startJourney("Róbert");
        consent(journey);
        Map<String, Object> assessment = TestJourneys.assessment(Map.of("lacksSchooling", true));
        assessment.put("hasTajCard", false);
        completeAt(journey, "Task_NeedsAssessment", assessment);

        assertThat(journey).isWaitingAt("Task_JourneyDocumentAssistance", "Task_AcceptReferral");
        assertThat(taskAt(journey, "Task_JourneyDocumentAssistance")).hasCandidateGroup("service-access");
        completeAt(journey, "Task_JourneyDocumentAssistance", Map.of("addressCardArranged", false,
                "tajCardArranged", true));
        assertThat(jdbc.queryForObject("select has_taj_card from household_member where id = ?", Boolean.class,
                participantRow(journey).get("member_id"))).isTrue();
        completeAt(journey, "Task_AcceptReferral", Map.of("referralDecision", "accept"));
        completeAt(journey, "Task_ActionPlan", Map.of("planGoals", "Felzárkóztató képzés", "agreedWithParticipant", true));
        completeAt(journey, "Task_TrainingEnrolment", Map.of("courseName", "Felzárkóztató", "enrolled", "no"));
        assertThat(journey).hasPassed("Task_TrainingEnrolment").hasNotPassed("Task_TrainingCompletion")
                .isWaitingAt("Timer_NextFollowUp");
    }

    @Test
    void overdueReferralAcceptanceIsFlaggedAndWithdrawalClosesTheJourneyAtAnyTime() {
        ProcessInstance journey = startJourney("Attila");
        consent(journey);
        assess(journey, Map.of("transportBarrier", true));
        String referralTask = taskAt(journey, "Task_AcceptReferral").getId();
        fireTimer(journey, "BoundaryEvent_ReferralOverdue");
        assertThat(journey).hasPassed("Task_NotifyReferralOverdue").isWaitingAt("Task_AcceptReferral");
        assertThat(queuedMail("referral-overdue:" + referralTask + ":%"))
                .containsEntry("coordinator", "referral-overdue");

        engine.getRuntimeService().createMessageCorrelation(ParticipantJourneyProcess.MESSAGE_WITHDRAWN)
                .processInstanceId(journey.getId()).setVariable("outcome", "moved-away").correlate();
        assertThat(journey).isEnded().hasPassed("Task_RecordWithdrawal", "EndEvent_Withdrawn");
        assertThat(participantRow(journey).get("outcome")).isEqualTo("moved-away");
    }

    @Test
    void eachCouncilEscalationWaitsForItsOwnDecisionAndAnAddedPackageGoesToTheWorkingGroup() {
        ProcessInstance journey = startJourney("Ferenc");
        consent(journey);
        String first = escalateToCouncil(journey);
        String second = escalateToCouncil(journey);
        assertThat(journey).isWaitingAt("Task_NeedsAssessment", "CatchEvent_CouncilDecisionMade");
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "councilItemId")).isNull();
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "councilDecision")).isNull();

        decideInCouncil(journey, first, "amend", "add-package", "education");
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "councilDecision")).isNull(); // stays local
        assertThat(journey).hasPassed("Task_NoteCouncilDecision", "Task_CreateCouncilReferral");
        assertThat(taskAt(journey, "Task_AcceptCouncilReferral")).hasCandidateGroup("wg-education");
        assertThat(taskQuery().processInstanceId(journey.getId()).taskDefinitionKey("Task_AcceptCouncilReferral")
                .count()).isEqualTo(1); // the second escalation still waits for its own decision
        completeAt(journey, "Task_AcceptCouncilReferral", Map.of("referralDecision", "return",
                "returnReason", "A csoport betelt"));
        Object participantId = participantRow(journey).get("id");
        assertThat(jdbc.queryForList("select status from referral where participant_id = ?", String.class,
                participantId)).containsExactly("returned-closed");

        decideInCouncil(journey, second, "approve", "add-package", "education");
        completeAt(journey, "Task_AcceptCouncilReferral", Map.of("referralDecision", "accept"));
        assertThat(journey).hasPassed("EndEvent_CouncilReferralDecided").isWaitingAt("Task_NeedsAssessment");
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "acceptedPackages"))
                .isEqualTo(List.of("education"));
        assertThat(participantRow(journey).get("referral_returns")).isEqualTo(0);
        assertThat(jdbc.queryForList("select milestone || ':' || coalesce(result, '') from journey_milestone "
                + "where participant_id = ? and milestone = 'council-decision' order by id", String.class, participantId))
                .containsExactly("council-decision:amend", "council-decision:approve");
    }

    @Test
    void aRejectedCouncilEscalationIsClosedWithoutAction() {
        ProcessInstance journey = startJourney("Gizella");
        String item = escalateToCouncil(journey);
        decideInCouncil(journey, item, "reject", "none", null);
        assertThat(journey).hasPassed("EndEvent_CouncilEscalationClosed").hasNotPassed("Task_CreateCouncilReferral")
                .isWaitingAt("Task_IntakeConsent");
    }

    @Test
    void aCouncilDecisionForASupportStartsABenefitApplicationForTheCase() {
        ProcessInstance journey = startJourney("Henrik");
        String item = escalateToCouncil(journey);
        decideInCouncil(journey, item, "approve", "benefit-application", "crisis-support");

        assertThat(journey).hasPassed("Task_StartBenefitApplication", "EndEvent_BenefitApplicationStarted")
                .isWaitingAt("Task_IntakeConsent");
        assertThat(jdbc.queryForMap("select support_type, origin, council_item_id::text as item from benefit_application "
                + "where case_ref = ?", journey.getBusinessKey())).containsEntry("support_type", "crisis-support")
                .containsEntry("origin", "council").containsEntry("item", item);
    }

    private String escalateToCouncil(ProcessInstance journey) {
        String itemId = UUID.randomUUID().toString();
        engine.getRuntimeService().createMessageCorrelation(ParticipantJourneyProcess.MESSAGE_COUNCIL_ESCALATION)
                .processInstanceId(journey.getId()).setVariableToTriggeredScope("councilItemId", itemId).correlate();
        return itemId;
    }

    private void decideInCouncil(ProcessInstance journey, String itemId, String decision, String instruction,
                                 String pkgOrSupport) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("councilDecision", decision);
        variables.put("councilInstruction", instruction);
        variables.put("add-package".equals(instruction) ? "councilPackage" : "councilSupport", pkgOrSupport);
        engine.getRuntimeService().createMessageCorrelation(ParticipantJourneyProcess.MESSAGE_COUNCIL_DECISION_MADE)
                .processInstanceId(journey.getId()).localVariableEquals("councilItemId", itemId)
                .setVariables(variables).correlate();
    }

    private ProcessInstance startJourney(String firstName) {
        return people.startJourney(firstName, "babonyiberc");
    }

    private void consent(ProcessInstance journey) {
        completeAt(journey, "Task_IntakeConsent", Map.of("consentDecision", "given"));
        assertThat(journey).isWaitingAt("Task_NeedsAssessment").task().hasCandidateGroup("employment-advisers");
    }

    private void assess(ProcessInstance journey, Map<String, Object> answers) {
        completeAt(journey, "Task_NeedsAssessment", TestJourneys.assessment(answers));
    }

    private void decideReferral(ProcessInstance journey, String pkg, String decision) {
        Task task = taskQuery().processInstanceId(journey.getId()).taskDefinitionKey("Task_AcceptReferral")
                .taskCandidateGroup("wg-" + pkg).singleResult();
        Map<String, Object> variables = new HashMap<>(Map.of("referralDecision", decision));
        if ("return".equals(decision)) {
            variables.put("returnReason", "Nem illik a csoporthoz");
        }
        engine.getTaskService().complete(task.getId(), variables);
    }

    /** Mails queued in the outbox under a dedupe key pattern: recipient → template. */
    private Map<String, Object> queuedMail(String keyPattern) {
        Map<String, Object> mails = new HashMap<>();
        jdbc.query("select recipient_user_id, template from notification_outbox where dedupe_key like ?",
                rs -> {
                    mails.put(rs.getString(1), rs.getString(2));
                }, keyPattern);
        return mails;
    }

    private Map<String, Object> participantRow(ProcessInstance journey) {
        String participantId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(journey.getId()).variableName("participantId").singleResult().getValue();
        return participants.row(UUID.fromString(participantId));
    }
}
