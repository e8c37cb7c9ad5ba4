package hu.miskolc.fourim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class RestSecurityTest {

    private static final String SIMPLE_BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="rest-deploy-check" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="s"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    IdentityService identityService;

    @Test
    void anonymousRestCallsAreRejectedWith401() {
        ResponseEntity<String> response = rest.getForEntity("/engine-rest/task", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void wrongPasswordIsRejectedWith401() {
        // a user of its own: the engine delays further logins of a user after a failed one
        ResponseEntity<String> response = rest.withBasicAuth("motivation", "wrong").getForEntity("/engine-rest/task",
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void workersSeeOnlyTheTasksOfTheirGroupsAndDistricts() {
        runtimeService.startProcessInstanceByKey("household-survey",
                Map.of("districtCode", "babonyiberc", "address", "Jogosultság utca " + UUID.randomUUID()));
        String query = "/engine-rest/task?processDefinitionKey=household-survey&taskDefinitionKey=Task_VisitHousehold";

        ResponseEntity<List> fieldTasks = rest.withBasicAuth("field", "demo").getForEntity(query, List.class);
        assertThat(fieldTasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fieldTasks.getBody()).isNotEmpty();

        ResponseEntity<List> adviserTasks = rest.withBasicAuth("adviser", "demo").getForEntity(query, List.class);
        assertThat(adviserTasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(adviserTasks.getBody()).isEmpty();

        // a field assistant of the other pilot district does not see Bábonyibérc's work
        if (identityService.createUserQuery().userId("field-tetemvar").count() == 0) {
            User user = identityService.newUser("field-tetemvar");
            user.setPassword("demo-tetemvar");
            identityService.saveUser(user);
            identityService.createMembership("field-tetemvar", "field-assistants");
            identityService.createTenantUserMembership("tetemvar", "field-tetemvar");
        }
        ResponseEntity<List> otherDistrict = rest.withBasicAuth("field-tetemvar", "demo-tetemvar")
                .getForEntity(query, List.class);
        assertThat(otherDistrict.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) otherDistrict.getBody())
                .allSatisfy(task -> assertThat(task.get("tenantId")).isEqualTo("tetemvar"));
    }

    @Test
    void adviserCannotDeployButManagerCan() {
        assertThat(deployAs("adviser").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deployAs("manager").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void expressionInTaskQueryParameterIsRejectedWith400() {
        ResponseEntity<String> response = rest.withBasicAuth("adviser", "demo")
                .getForEntity("/engine-rest/task?assigneeExpression={e}", String.class,
                        "${''.getClass().forName('java.lang.Runtime')}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Expressions");
    }

    @Test
    void expressionInOrQueriesBodyIsRejectedWith400() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = "{\"orQueries\":[{\"assigneeExpression\":\"#{'x'.toUpperCase()}\"}]}";
        ResponseEntity<String> response = rest.withBasicAuth("adviser", "demo")
                .postForEntity("/engine-rest/task", new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        String escaped = "{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{currentUser()}\"}]}";
        ResponseEntity<String> escapedResponse = rest.withBasicAuth("adviser", "demo")
                .postForEntity("/engine-rest/task", new HttpEntity<>(escaped, headers), String.class);
        assertThat(escapedResponse.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void plainJsonQueryStillWorks() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<List> response = rest.withBasicAuth("adviser", "demo").postForEntity("/engine-rest/task",
                new HttpEntity<>("{\"processDefinitionKey\":\"household-survey\"}", headers), List.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void healthIsOpenButOtherActuatorEndpointsNeedAnAdmin() {
        ResponseEntity<Map> health = rest.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP").doesNotContainKey("details");
        assertThat(rest.getForEntity("/actuator/health/readiness", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/actuator/metrics", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("adviser", "demo").getForEntity("/actuator/metrics", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("admin", "demo").getForEntity("/actuator/metrics", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void webappsAreBehindALogin() {
        ResponseEntity<String> welcome = rest.getForEntity("/camunda/app/welcome/default/", String.class);
        assertThat(welcome.getStatusCode()).isEqualTo(HttpStatus.OK); // the login page itself
        ResponseEntity<String> api = rest.getForEntity("/camunda/api/engine/engine/default/task", String.class);
        assertThat(api.getStatusCode().value()).isIn(401, 403);
    }

    private ResponseEntity<String> deployAs(String user) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "rest-check-" + user);
        parts.add("data", new ByteArrayResource(SIMPLE_BPMN.getBytes()) {
            @Override
            public String getFilename() {
                return "rest-deploy-check.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, "demo").postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(parts, headers), String.class);
    }
}
