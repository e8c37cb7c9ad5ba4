package hu.miskolc.fourim.survey;

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
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class HouseholdSurveyProcessTest extends ProcessTestSupport {

    /** Three members: the working-age head (contact consent is the parameter), a spouse, a child. */
    static List<Map<String, Object>> members(boolean headAgreesToContact) {
        return List.of(
                member("Anna", 1980, "head", "primary", "unemployed", "full", false, true, true, headAgreesToContact),
                member("Béla", 1978, "spouse", "vocational", "public-works", "full", true, false, true, false),
                member("Csilla", 2015, "child", "primary-incomplete", "student", "none", false, true, false, false));
    }

    static Map<String, Object> member(String firstName, int birthYear, String relation, String schooling,
                                      String employmentStatus, String workCapacity, boolean healthLimits,
                                      boolean hasAddressCard, boolean hasTajCard, boolean agreesToContact) {
        Map<String, Object> member = new HashMap<>();
        member.put("firstName", firstName);
        member.put("birthYear", birthYear);
        member.put("relation", relation);
        member.put("schooling", schooling);
        member.put("employmentStatus", employmentStatus);
        member.put("workCapacity", workCapacity);
        member.put("healthLimits", healthLimits);
        member.put("incomeSources", Variables.objectValue(List.of("family-allowance"))
                .serializationDataFormat("application/json").create());
        member.put("hasAddressCard", hasAddressCard);
        member.put("hasTajCard", hasTajCard);
        member.put("agreesToContact", agreesToContact);
        return member;
    }

    /** The field assistant records the members one form at a time. */
    static void recordMembers(ProcessTestSupport test, ProcessInstance survey, List<Map<String, Object>> members) {
        for (int i = 0; i < members.size(); i++) {
            Map<String, Object> variables = new HashMap<>(members.get(i));
            variables.put("moreMembers", i < members.size() - 1);
            test.completeAt(survey, "Task_RecordMember", variables);
        }
    }

    @Autowired
    HouseholdRepository households;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void surveyedHouseholdGetsAWelfareIndicatorJourneysAndDocumentAssistance() {
        String address = "Bábonyi út " + UUID.randomUUID();
        ProcessInstance survey = startSurvey("babonyiberc", address);
        assertThat(survey).isWaitingAt("Task_VisitHousehold").task().hasCandidateGroup("field-assistants");
        assertThat(survey.getTenantId()).isEqualTo("babonyiberc");
        assertThat(engine.getRuntimeService().getVariable(survey.getId(), "caseRef")).asString().startsWith("H-");

        completeAt(survey, "Task_VisitHousehold", Map.of("visitOutcome", "surveyed"));
        completeAt(survey, "Task_FillSurvey", surveyAnswers(150000));
        assertThat(survey).isWaitingAt("Task_RecordMember");
        recordMembers(this, survey, members(false));

        assertThat(survey).hasPassedInOrder("Task_RecordMember", "Gateway_MoreMembers", "Task_SaveSurvey", "BusinessRule_WelfareIndicator",
                "Task_RecordWelfareIndicator", "Task_StartJourneys").isWaitingAt("Task_DocumentAssistance");
        UUID householdId = UUID.fromString((String) engine.getRuntimeService().getVariable(survey.getId(), "householdId"));
        assertThat(households.welfareHistory(householdId)).hasSize(1).allSatisfy(s -> assertThat(s).isBetween(0, 100));
        // nobody agreed to be contacted: no journey (SurveyStartsJourneysTest covers the other case)
        assertThat(engine.getRuntimeService().getVariable(survey.getId(), "journeysStarted")).isEqualTo(0);
        // the survey answers live in our tables, not in the process or its history
        assertThat(engine.getRuntimeService().getVariable(survey.getId(), "members")).isNull();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(survey.getId())
                .variableName("members").count()).isZero();
        assertThat(households.members(householdId, 1)).extracting(HouseholdRepository.Member::firstName)
                .containsExactly("Anna", "Béla", "Csilla");

        List<Task> assistance = taskQuery().processInstanceId(survey.getId())
                .taskDefinitionKey("Task_DocumentAssistance").list();
        assertThat(assistance).hasSize(2).allSatisfy(t -> assertThat(t).hasCandidateGroup("service-access"));
        for (Task task : assistance) {
            engine.getTaskService().complete(task.getId(), Map.of("addressCardArranged", true, "tajCardArranged", true));
        }
        assertThat(survey).isEnded().hasPassed("EndEvent_Surveyed");
        assertThat(households.members(householdId, 1)).allSatisfy(m -> assertThat(m.missingDocuments()).isFalse());
    }

    @Test
    void threeFailedVisitsCloseTheHouseholdAsUnreachable() {
        ProcessInstance survey = startSurvey("tetemvar", "Tetemvári köz " + UUID.randomUUID());
        for (int attempt = 1; attempt <= 3; attempt++) {
            completeAt(survey, "Task_VisitHousehold", Map.of("visitOutcome", "nobody-home"));
            if (attempt < 3) {
                assertThat(survey).isWaitingAt("Timer_RevisitDelay");
                fireTimer(survey, "Timer_RevisitDelay");
            }
        }
        assertThat(survey).isEnded().hasPassed("Task_CloseUnreachable", "EndEvent_Unreachable");
        assertThat(status(survey)).isEqualTo("unreachable");
    }

    @Test
    void refusalAndMoveAreRecordedAndClosed() {
        ProcessInstance refused = startSurvey("tetemvar", "Elutasító utca " + UUID.randomUUID());
        completeAt(refused, "Task_VisitHousehold", Map.of("visitOutcome", "refused"));
        assertThat(refused).isEnded().hasPassed("EndEvent_Refused");
        assertThat(status(refused)).isEqualTo("refused");

        ProcessInstance moved = startSurvey("tetemvar", "Költöző utca " + UUID.randomUUID());
        completeAt(moved, "Task_VisitHousehold", Map.of("visitOutcome", "moved"));
        assertThat(moved).isEnded().hasPassed("EndEvent_Moved");
        assertThat(status(moved)).isEqualTo("moved");
    }

    @Test
    void reSurveyUpdatesTheWelfareIndicatorKeepsItsHistoryAndStartsNoSecondJourney() {
        String address = "Ismételt utca " + UUID.randomUUID();
        ProcessInstance first = startSurvey("babonyiberc", address);
        completeAt(first, "Task_VisitHousehold", Map.of("visitOutcome", "surveyed"));
        completeAt(first, "Task_FillSurvey", surveyAnswers(40000));
        recordMembers(this, first, members(false));
        String caseRef = (String) engine.getRuntimeService().getVariable(first.getId(), "caseRef");
        completeDocumentAssistance(first);
        assertThat(first).isEnded();

        ProcessInstance second = startSurvey("babonyiberc", address.toUpperCase());
        assertThat(engine.getRuntimeService().getVariable(second.getId(), "caseRef")).isEqualTo(caseRef);
        completeAt(second, "Task_VisitHousehold", Map.of("visitOutcome", "surveyed"));
        completeAt(second, "Task_FillSurvey", surveyAnswers(400000));
        recordMembers(this, second, members(false));

        UUID householdId = UUID.fromString((String) engine.getRuntimeService().getVariable(second.getId(), "householdId"));
        List<Integer> history = households.welfareHistory(householdId);
        assertThat(history).hasSize(2);
        assertThat(history.get(1)).isGreaterThan(history.get(0));
    }

    private void completeDocumentAssistance(ProcessInstance survey) {
        for (Task task : taskQuery().processInstanceId(survey.getId()).taskDefinitionKey("Task_DocumentAssistance").list()) {
            engine.getTaskService().complete(task.getId(), Map.of("addressCardArranged", false, "tajCardArranged", false));
        }
    }

    static Map<String, Object> surveyAnswers(int income) {
        Map<String, Object> answers = new HashMap<>();
        answers.put("tenure", "rented-municipal");
        answers.put("utilities", "partial");
        answers.put("rooms", 2);
        answers.put("householdIncome", income);
        answers.put("hasDebts", true);
        return answers;
    }

    private String status(ProcessInstance survey) {
        String householdId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(survey.getId()).variableName("householdId").singleResult().getValue();
        return households.get(UUID.fromString(householdId)).status();
    }
}
