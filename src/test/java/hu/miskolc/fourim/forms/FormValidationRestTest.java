package hu.miskolc.fourim.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The server enforces what the deployed Camunda Form declares, at the REST edge, before anything is written. */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class FormValidationRestTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    @Test
    void invalidTaskCompletionIsRefusedWith400NamingTheFieldAndNothingChanges() {
        Task visit = visitTask();

        ResponseEntity<Map> unknownOption = complete(visit, "{\"visitOutcome\":{\"value\":\"gone-fishing\",\"type\":\"String\"}}");
        assertThat(unknownOption.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownOption.getBody().get("field")).isEqualTo("A látogatás eredménye");
        assertThat((String) unknownOption.getBody().get("message")).contains("gone-fishing");

        ResponseEntity<Map> missing = complete(visit, "{\"visitNote\":{\"value\":\"senki\",\"type\":\"String\"}}");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) missing.getBody().get("message")).contains("kötelező");

        ResponseEntity<Map> oversized = complete(visit, "{\"visitOutcome\":{\"value\":\"refused\",\"type\":\"String\"},"
                + "\"visitNote\":{\"value\":\"" + "x".repeat(501) + "\",\"type\":\"String\"}}");
        assertThat(oversized.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) oversized.getBody().get("message")).contains("500");

        ResponseEntity<Map> smuggled = complete(visit, "{\"visitOutcome\":{\"value\":\"refused\",\"type\":\"String\"},"
                + "\"districtCode\":{\"value\":\"tetemvar\",\"type\":\"String\"}}");
        assertThat(smuggled.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) smuggled.getBody().get("message")).contains("districtCode");

        ResponseEntity<Map> wrongType = complete(visit, "{\"visitOutcome\":{\"value\":42,\"type\":\"Integer\"}}");
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // nothing was written: the task is still open, without the rejected values
        assertThat(taskService.createTaskQuery().taskId(visit.getId()).count()).isEqualTo(1);
        assertThat(taskService.getVariable(visit.getId(), "visitOutcome")).isNull();
        assertThat(taskService.getVariable(visit.getId(), "visitNote")).isNull();

        ResponseEntity<Map> valid = complete(visit, "{\"visitOutcome\":{\"value\":\"surveyed\",\"type\":\"String\"}}");
        assertThat(valid.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void surveyAndMemberFormsAreValidatedToo() {
        Task visit = visitTask();
        assertThat(complete(visit, "{\"visitOutcome\":{\"value\":\"surveyed\",\"type\":\"String\"}}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        Task survey = next(visit, "Task_FillSurvey");
        String facts = "{\"tenure\":{\"value\":\"owned\",\"type\":\"String\"},"
                + "\"utilities\":{\"value\":\"full\",\"type\":\"String\"},"
                + "\"rooms\":{\"value\":%d,\"type\":\"Integer\"},"
                + "\"householdIncome\":{\"value\":120000,\"type\":\"Integer\"},"
                + "\"hasDebts\":{\"value\":false,\"type\":\"Boolean\"}}";
        ResponseEntity<Map> noRooms = complete(survey, String.format(facts, 0));
        assertThat(noRooms.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noRooms.getBody().get("field")).isEqualTo("Szobák száma");
        assertThat(complete(survey, String.format(facts, 2)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        Task member = next(visit, "Task_RecordMember");
        String memberBody = "{\"firstName\":{\"value\":\"Anna\",\"type\":\"String\"},"
                + "\"birthYear\":{\"value\":%d,\"type\":\"Integer\"},"
                + "\"relation\":{\"value\":\"head\",\"type\":\"String\"},"
                + "\"schooling\":{\"value\":\"primary\",\"type\":\"String\"},"
                + "\"employmentStatus\":{\"value\":\"unemployed\",\"type\":\"String\"},"
                + "\"workCapacity\":{\"value\":\"full\",\"type\":\"String\"},"
                + "\"incomeSources\":{\"value\":\"[\\\"wage\\\"]\",\"type\":\"Json\"},"
                + "\"hasAddressCard\":{\"value\":true,\"type\":\"Boolean\"},"
                + "\"hasTajCard\":{\"value\":true,\"type\":\"Boolean\"},"
                + "\"agreesToContact\":{\"value\":false,\"type\":\"Boolean\"},"
                + "\"moreMembers\":{\"value\":false,\"type\":\"Boolean\"}}";
        ResponseEntity<Map> tooOld = complete(member, String.format(memberBody, 1850));
        assertThat(tooOld.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooOld.getBody().get("field")).isEqualTo("Születési év");
        assertThat(taskService.createTaskQuery().taskId(member.getId()).count()).isEqualTo(1);

        ResponseEntity<Map> valid = complete(member, String.format(memberBody, 1980));
        assertThat(valid.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(visit.getProcessInstanceId())
                .variableName("welfareScore").singleResult().getValue()).isNotNull();
    }

    private Task next(Task previous, String activityId) {
        return taskService.createTaskQuery().processInstanceId(previous.getProcessInstanceId())
                .taskDefinitionKey(activityId).singleResult();
    }

    @Test
    void startFormIsValidatedToo() {
        HttpHeaders headers = json();
        ResponseEntity<Map> missingAddress = rest.withBasicAuth("coordinator", "demo").postForEntity(
                "/engine-rest/process-definition/key/household-survey/submit-form",
                new HttpEntity<>("{\"variables\":{\"districtCode\":{\"value\":\"babonyiberc\",\"type\":\"String\"}}}",
                        headers), Map.class);
        assertThat(missingAddress.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) missingAddress.getBody().get("message")).contains("Cím");

        ResponseEntity<Map> unknownDistrict = rest.withBasicAuth("coordinator", "demo").postForEntity(
                "/engine-rest/process-definition/key/household-survey/submit-form",
                new HttpEntity<>("{\"variables\":{\"districtCode\":{\"value\":\"atlantisz\",\"type\":\"String\"},"
                        + "\"address\":{\"value\":\"Fő utca 1.\",\"type\":\"String\"}}}", headers), Map.class);
        assertThat(unknownDistrict.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<Map> valid = rest.withBasicAuth("coordinator", "demo").postForEntity(
                "/engine-rest/process-definition/key/household-survey/submit-form",
                new HttpEntity<>("{\"variables\":{\"districtCode\":{\"value\":\"tetemvar\",\"type\":\"String\"},"
                        + "\"address\":{\"value\":\"Start utca " + UUID.randomUUID() + "\",\"type\":\"String\"}}}",
                        headers), Map.class);
        assertThat(valid.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private Task visitTask() {
        ProcessInstance survey = runtimeService.startProcessInstanceByKey("household-survey",
                Map.of("districtCode", "babonyiberc", "address", "Űrlap utca " + UUID.randomUUID()));
        return taskService.createTaskQuery().processInstanceId(survey.getId()).singleResult();
    }

    private ResponseEntity<Map> complete(Task task, String variables) {
        return rest.withBasicAuth("field", "demo").postForEntity("/engine-rest/task/" + task.getId() + "/complete",
                new HttpEntity<>("{\"variables\":" + variables + "}", json()), Map.class);
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
