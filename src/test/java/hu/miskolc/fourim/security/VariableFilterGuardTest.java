package hu.miskolc.fourim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.kpi.WebappSession;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Who may find cases by what their variables say: a coordinator sees instances and tasks but not their variables, so
 * a filter on a variable's value (which would tell it) is refused; a manager may; a field assistant may search the
 * tasks they work on, whose variables they read anyway, but not all process instances.
 */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class VariableFilterGuardTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtimeService;

    private String address;

    @BeforeEach
    void aSurveyWaitsForItsVisit() {
        address = "Szűrő utca " + UUID.randomUUID().toString().substring(0, 8) + " 1.";
        runtimeService.startProcessInstanceByKey("household-survey",
                Map.of("districtCode", "babonyiberc", "address", address));
    }

    @Test
    void aCoordinatorCannotFindInstancesOrTasksByAVariablesValue() {
        ResponseEntity<Map> byQuery = rest.withBasicAuth("coordinator", "demo").getForEntity(
                "/engine-rest/process-instance?processDefinitionKey=household-survey&variables=address_eq_{a}",
                Map.class, address);
        assertThat(byQuery.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) byQuery.getBody().get("message")).contains("Változók").contains("variable values");

        assertThat(post("coordinator", "/engine-rest/process-instance", variables("variables")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("coordinator", "/engine-rest/history/process-instance", variables("variables"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // coordinators see every task through their process-definition grant, so a task search would tell too
        assertThat(post("coordinator", "/engine-rest/task", variables("processVariables")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // hidden in an "or" query
        assertThat(post("coordinator", "/engine-rest/task",
                "{\"orQueries\": [" + variables("processVariables") + "]}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        // without a variable filter the same queries work
        ResponseEntity<List> plain = rest.withBasicAuth("coordinator", "demo")
                .getForEntity("/engine-rest/process-instance?processDefinitionKey=household-survey", List.class);
        assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(plain.getBody()).isNotEmpty();
        assertThat(post("coordinator", "/engine-rest/task", "{\"processDefinitionKey\": \"household-survey\"}")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aManagerMayFilterByVariables() {
        ResponseEntity<String> response = post("manager", "/engine-rest/process-instance", variables("variables"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"id\"");
    }

    @Test
    void aFieldAssistantSearchesTheirOwnTasksByVariablesButNotAllInstances() {
        ResponseEntity<String> tasks = post("field", "/engine-rest/task", variables("processVariables"));
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasks.getBody()).contains("Task_VisitHousehold");
        ResponseEntity<String> count = post("field", "/engine-rest/task/count", variables("processVariables"));
        assertThat(count.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(count.getBody()).contains("\"count\":1");

        assertThat(post("field", "/engine-rest/process-instance", variables("variables")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("field", "/engine-rest/history/task", variables("processVariables")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theWebappsApiIsGuardedWithTheLoginSessionsUser() {
        WebappSession cockpit = WebappSession.login(rest, "coordinator", "demo", "cockpit");
        ResponseEntity<String> search = cockpit.exchange(HttpMethod.POST,
                "/camunda/api/engine/engine/default/process-instance", variables("variables"), String.class);
        assertThat(search.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> plain = cockpit.exchange(HttpMethod.POST,
                "/camunda/api/engine/engine/default/process-instance",
                "{\"processDefinitionKey\": \"household-survey\"}", String.class);
        assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.OK);
        cockpit.logout();
    }

    @Test
    void onlyNonEmptyVariableParametersCount() {
        assertThat(VariableFilterGuard.queryFilters("variables=firstName_eq_Anna")).isTrue();
        assertThat(VariableFilterGuard.queryFilters("maxResults=5&processVariables=a_eq_b")).isTrue();
        assertThat(VariableFilterGuard.queryFilters("%76ariables=x_eq_y")).isTrue();
        assertThat(VariableFilterGuard.queryFilters("variables=")).isFalse();
        assertThat(VariableFilterGuard.queryFilters("variableNamesIgnoreCase=true&sortBy=dueDate")).isFalse();
        assertThat(VariableFilterGuard.queryFilters(null)).isFalse();
    }

    private String variables(String property) {
        return "{\"" + property + "\": [{\"name\": \"address\", \"operator\": \"eq\", \"value\": \"" + address + "\"}]}";
    }

    private ResponseEntity<String> post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(json, headers), String.class);
    }
}
