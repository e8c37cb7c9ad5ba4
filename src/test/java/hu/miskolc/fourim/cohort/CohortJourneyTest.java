package hu.miskolc.fourim.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A cohort's results flow into the members' journeys (spans two models, so not a *ProcessTest). */
@IntegrationTest
class CohortJourneyTest extends ProcessTestSupport {

    @Autowired
    TestJourneys journeys;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void aCompletedGroupTrainingAdvancesTheEducationMilestone() {
        ProcessInstance trained = inTraining("Imre");
        completeAt(trained, "Task_TrainingEnrolment", Map.of("courseName", "Targoncavezető", "enrolled", "yes"));
        assertThat(trained).isWaitingAt("Task_TrainingCompletion");
        ProcessInstance notYetEnrolled = inTraining("Jolán");

        ProcessInstance cohort;
        engine.getIdentityService().setAuthentication("education", List.of("wg-education"));
        try {
            cohort = engine.getRuntimeService().startProcessInstanceByKey(CohortProcess.KEY, Map.of(
                    "districtCode", "babonyiberc", "package", "education", "cohortName", "Targoncavezető tanfolyam"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        completeAt(cohort, "Task_SelectMembers", Map.of("memberCaseRefs",
                List.of(trained.getBusinessKey(), notYetEnrolled.getBusinessKey()), "facilitator", "education",
                "firstSessionDate", LocalDate.now().plusDays(3).toString(), "sessionCount", 1L,
                "sessionIntervalDays", 7L, "sessionTopics", "Elmélet és gyakorlat"));
        fireTimer(cohort, "Timer_SessionDate");
        completeAt(cohort, "Task_RecordAttendance", Map.of("presentCaseRefs",
                List.of(trained.getBusinessKey(), notYetEnrolled.getBusinessKey()), "leftCaseRefs", List.of(),
                "attendanceNote", ""));
        completeAt(cohort, "Task_RecordResults", Map.of("completedCaseRefs", List.of(trained.getBusinessKey()),
                "partialCaseRefs", List.of(notYetEnrolled.getBusinessKey())));

        assertThat(cohort).isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(cohort.getId())
                .variableName("journeysAdvanced").singleResult().getValue()).isEqualTo(1);
        assertThat(trained).hasPassed("Task_TrainingCompletion", "EndEvent_TrainingDelivered")
                .isWaitingAt("Timer_NextFollowUp");
        assertThat(jdbc.queryForList("select milestone || ':' || result from journey_milestone where participant_id = ? "
                        + "and milestone in ('group-result', 'TrainingCompletion') order by id", String.class,
                journeys.participantId(trained))).containsExactly("group-result:completed", "TrainingCompletion:yes");
        // a member whose journey is not at that step yet keeps the result as a milestone only
        assertThat(notYetEnrolled).isWaitingAt("Task_TrainingEnrolment");
        assertThat(jdbc.queryForList("select result from journey_milestone where participant_id = ? "
                + "and milestone = 'group-result'", String.class, journeys.participantId(notYetEnrolled)))
                .containsExactly("partial");
    }

    private ProcessInstance inTraining(String firstName) {
        ProcessInstance journey = journeys.startJourney(firstName, "babonyiberc");
        journeys.consentAndAssess(journey, Map.of("lacksQualification", true));
        completeAt(journey, "Task_AcceptReferral", Map.of("referralDecision", "accept"));
        completeAt(journey, "Task_ActionPlan", Map.of("planGoals", "Szakképesítés", "agreedWithParticipant", true));
        return journey;
    }
}
