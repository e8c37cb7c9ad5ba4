package hu.miskolc.fourim.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hand-over from the household survey to the personal journeys (both models; no coverage class). */
@IntegrationTest
class SurveyStartsJourneysTest extends ProcessTestSupport {

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void aWorkingAgeAdultWhoAgreedToBeContactedGetsOneJourneyEvenAfterAReSurvey() {
        String address = "Útindító utca " + UUID.randomUUID();
        ProcessInstance survey = startSurvey("tetemvar", address);
        completeAt(survey, "Task_VisitHousehold", Map.of("visitOutcome", "surveyed"));
        completeAt(survey, "Task_FillSurvey", HouseholdSurveyProcessTest.surveyAnswers(90000));
        HouseholdSurveyProcessTest.recordMembers(this, survey, HouseholdSurveyProcessTest.members(true));
        String caseRef = (String) engine.getRuntimeService().getVariable(survey.getId(), "caseRef");

        assertThat(engine.getRuntimeService().getVariable(survey.getId(), "journeysStarted")).isEqualTo(1);
        ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("participant-journey").processInstanceBusinessKey(caseRef + "-1").singleResult();
        assertThat(journey).isWaitingAt("Task_IntakeConsent");
        assertThat(journey.getTenantId()).isEqualTo("tetemvar");
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "firstName")).isEqualTo("Anna");

        ProcessInstance again = startSurvey("tetemvar", address);
        completeAt(again, "Task_VisitHousehold", Map.of("visitOutcome", "surveyed"));
        completeAt(again, "Task_FillSurvey", HouseholdSurveyProcessTest.surveyAnswers(90000));
        HouseholdSurveyProcessTest.recordMembers(this, again, HouseholdSurveyProcessTest.members(true));
        assertThat(engine.getRuntimeService().getVariable(again.getId(), "journeysStarted")).isEqualTo(0);
    }
}
