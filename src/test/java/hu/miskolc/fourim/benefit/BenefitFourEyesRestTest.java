package hu.miskolc.fourim.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The four-eyes rule at the REST edge: the preparer is refused with 403 and a Hungarian message, never a 500. */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class BenefitFourEyesRestTest {

    private static final String BOTH_ROLES = BenefitApplicationProcessTest.BOTH_ROLES;
    private static final String PASSWORD = "test-password";
    private static final int YEAR = Year.now().getValue();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestJourneys people;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCaseAdministratorWhoIsAlsoACoordinatorCannotApproveWhatTheyPrepared() {
        ensureUserInBothRoles();
        String caseRef = people.participantCase("babonyiberc", 1958, "unemployed", 60000, true, true);
        ResponseEntity<Map> started = post("clerk", "demo", "/engine-rest/process-definition/key/benefit-application/"
                + "submit-form", "{\"variables\":{\"districtCode\":{\"value\":\"babonyiberc\",\"type\":\"String\"},"
                + "\"caseRef\":{\"value\":\"" + caseRef + "\",\"type\":\"String\"},"
                + "\"supportType\":{\"value\":\"medication\",\"type\":\"String\"}}}");
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instance = (String) started.getBody().get("id");

        assertThat(complete("clerk", "demo", task(instance, "Task_FileApplication"), "{"
                + "\"incomePerHead\":{\"value\":60000,\"type\":\"Integer\"},"
                + "\"caresForRelative\":{\"value\":false,\"type\":\"Boolean\"},"
                + "\"chronicIllness\":{\"value\":true,\"type\":\"Boolean\"},"
                + "\"crisisSituation\":{\"value\":false,\"type\":\"Boolean\"}}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(complete(BOTH_ROLES, PASSWORD, task(instance, "Task_PrepareMunicipalDecision"), "{"
                + "\"proposedDecision\":{\"value\":\"grant\",\"type\":\"String\"},"
                + "\"amountHuf\":{\"value\":8000,\"type\":\"Integer\"},"
                + "\"periodFrom\":{\"value\":\"" + YEAR + "-03-01\",\"type\":\"String\"},"
                + "\"periodTo\":{\"value\":\"" + YEAR + "-08-31\",\"type\":\"String\"},"
                + "\"decisionReason\":{\"value\":\"Tartós betegség, alacsony jövedelem\",\"type\":\"String\"}}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        Task approval = task(instance, "Task_ApproveMunicipalDecision");
        String approve = "{\"approval\":{\"value\":\"approve\",\"type\":\"String\"}}";
        ResponseEntity<Map> claim = post(BOTH_ROLES, PASSWORD, "/engine-rest/task/" + approval.getId() + "/claim",
                "{\"userId\":\"" + BOTH_ROLES + "\"}");
        assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) claim.getBody().get("message")).contains("négy szem");
        ResponseEntity<Map> selfApproval = complete(BOTH_ROLES, PASSWORD, approval, approve);
        assertThat(selfApproval.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) selfApproval.getBody().get("message")).contains("négy szem");
        assertThat(post("coordinator", "demo", "/engine-rest/task/" + approval.getId() + "/assignee",
                "{\"userId\":\"" + BOTH_ROLES + "\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isNull();

        assertThat(complete("coordinator", "demo", approval, approve).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(jdbc.queryForMap("select prepared_by, approved_by, decision from benefit_application "
                + "where process_instance_id = ?", instance)).containsEntry("prepared_by", BOTH_ROLES)
                .containsEntry("approved_by", "coordinator").containsEntry("decision", "granted");
    }

    private Task task(String instance, String activity) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(activity).singleResult();
    }

    private ResponseEntity<Map> complete(String user, String password, Task task, String variables) {
        return post(user, password, "/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":" + variables + "}");
    }

    private ResponseEntity<Map> post(String user, String password, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, password).postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private void ensureUserInBothRoles() {
        if (identityService.createUserQuery().userId(BOTH_ROLES).count() == 0) {
            User user = identityService.newUser(BOTH_ROLES);
            user.setFirstName("Kettős");
            user.setLastName("Szerep");
            user.setEmail(BOTH_ROLES + "@test.4im.local");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(BOTH_ROLES, "case-administrators");
            identityService.createMembership(BOTH_ROLES, "coordinators");
        }
    }
}
