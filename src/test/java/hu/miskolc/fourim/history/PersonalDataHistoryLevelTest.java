package hu.miskolc.fourim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the history of a case keeps: every step, task, decision and operation, each variable's last value; no personal
 * data (identity, survey answers, needs assessment).
 */
@IntegrationTest
class PersonalDataHistoryLevelTest extends ProcessTestSupport {

    @Autowired
    TestJourneys people;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void historyKeepsStepsOperationsAndLastValuesButNeitherPersonalDataNorEveryChange() {
        String address = "Tetemvári köz " + UUID.randomUUID();
        ProcessInstance survey = startSurvey("tetemvar", address);
        for (int attempt = 1; attempt <= 3; attempt++) {
            // as the field assistant: the operation log records who completed a task
            engine.getIdentityService().setAuthentication("field", List.of("field-assistants"), List.of("tetemvar"));
            try {
                completeAt(survey, "Task_VisitHousehold", Map.of("visitOutcome", "nobody-home"));
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
            if (attempt < 3) {
                fireTimer(survey, "Timer_RevisitDelay");
            }
        }
        HistoryService history = engine.getHistoryService();

        // the counter was written three times (1, 2, 3): history holds its last value, not each change
        HistoricVariableInstance attempts = history.createHistoricVariableInstanceQuery()
                .processInstanceId(survey.getId()).variableName("visitAttempts").singleResult();
        assertThat(attempts.getValue()).isEqualTo(3);
        assertThat(history.createHistoricDetailQuery().processInstanceId(survey.getId()).count()).isZero();
        // the address is personal: it is in the household register, not in the process history
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(survey.getId())
                .variableName("address").count()).isZero();

        // the rest of full history stays: the steps, the three visits, who completed them
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(survey.getId())
                .activityId("Task_VisitHousehold").count()).isEqualTo(3);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(survey.getId())
                .taskDefinitionKey("Task_VisitHousehold").finished().count()).isEqualTo(3);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(survey.getId()).singleResult()
                .getEndActivityId()).isEqualTo("EndEvent_Unreachable");
        assertThat(history.createUserOperationLogQuery().processInstanceId(survey.getId())
                .operationType("Complete").list())
                .hasSize(3).allSatisfy(e -> assertThat(e.getUserId()).isEqualTo("field"));
    }

    @Test
    void theNeedsAssessmentIsInTheAssessmentTableAndTheCaseNotInTheProcessHistory() {
        ProcessInstance journey = people.startJourney("Irén", "tetemvar");
        completeAt(journey, "Task_IntakeConsent", Map.of("consentDecision", "given"));
        completeAt(journey, "Task_NeedsAssessment", TestJourneys.assessment(Map.of("readyForWork", true,
                "healthBarrier", true, "debtBarrier", true)));
        HistoryService history = engine.getHistoryService();

        // health and debts are recorded where consent, erasure and the access trail apply
        assertThat(jdbc.queryForMap("select health_barrier, debt_barrier, legal_barrier from assessment "
                + "where participant_id = ?", people.participantId(journey)))
                .containsEntry("health_barrier", true).containsEntry("debt_barrier", true)
                .containsEntry("legal_barrier", false);
        // the running case still has them (a re-assessment form opens with the answers given)
        assertThat(engine.getRuntimeService().getVariables(journey.getId()))
                .containsEntry("healthBarrier", true).containsEntry("missingDocuments", false);
        // its history does not; the steps, the decision and who made it do
        List<String> historic = history.createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
                .list().stream().map(HistoricVariableInstance::getName).toList();
        assertThat(historic).doesNotContainAnyElementsOf(ParticipantJourneyProcess.ASSESSMENT_FLAGS)
                .doesNotContain("missingDocuments", "workCapacity", "hasAddressCard", "hasTajCard")
                .contains("consentDecision", "packageDecisions");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(journey.getId())
                .activityId("Task_SaveAssessment").finished().count()).isOne();
        assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(journey.getId())
                .decisionDefinitionKey("service-package-assignment").count()).isOne();
    }
}
