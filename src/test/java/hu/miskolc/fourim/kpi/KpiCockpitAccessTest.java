package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * One login for Cockpit and the KPI: the webapp session of a KPI user is accepted by /api/kpi/* and /kpi for reading;
 * anybody else is refused as with HTTP Basic. And what Cockpit shows a coordinator: where a case is, not its variables.
 */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class KpiCockpitAccessTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestJourneys journeys;
    @Autowired
    TaskService taskService;

    @Test
    void theWebappLoginOfACoordinatorOpensTheKpiForReading() {
        WebappSession coordinator = WebappSession.login(rest, "coordinator", "demo", "cockpit");

        ResponseEntity<Map> summary = coordinator.get("/api/kpi/summary?district=tetemvar", Map.class);
        assertThat(summary.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(summary.getBody()).containsKeys("participants", "readyAtStart", "activationRate", "byPackage");
        assertThat(coordinator.get("/api/kpi/late?package=employment", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(coordinator.get("/api/kpi/welfare", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(coordinator.get("/api/kpi/outcomes.csv?package=education", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> page = coordinator.get("/kpi", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("4IM programmutatók", "/kpi/dashboard.js");
        ResponseEntity<String> module = coordinator.get("/kpi/dashboard.js", String.class);
        assertThat(module.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(module.getHeaders().getContentType().toString()).startsWith("text/javascript");
        assertThat(module.getBody()).contains("export function renderDashboard", "Szolgáltatási csomag");

        // the session cookie alone never authorizes a request that could change something
        ResponseEntity<String> post = coordinator.exchange(HttpMethod.POST, "/api/kpi/summary", null, String.class);
        assertThat(post.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        coordinator.logout();
        ResponseEntity<String> afterLogout = coordinator.get("/api/kpi/summary", String.class);
        assertThat(afterLogout.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(afterLogout.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void otherUsersGet403AndAnonymousGets401WithTheBasicChallenge() {
        WebappSession adviser = WebappSession.login(rest, "adviser", "demo", "tasklist");
        assertThat(adviser.get("/api/kpi/summary", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(adviser.get("/api/kpi/late", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(adviser.get("/kpi", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("adviser", "demo").getForEntity("/api/kpi/welfare", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // a session in which nobody logged in is anonymous
        WebappSession anonymous = WebappSession.anonymous(rest);
        for (String path : List.of("/api/kpi/summary", "/api/kpi/outcomes.csv", "/kpi", "/kpi/dashboard.js")) {
            ResponseEntity<String> response = anonymous.get(path, String.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(path)
                    .isEqualTo("Basic realm=\"4IM\"");
        }
        // no session, no Basic
        ResponseEntity<String> nothing = rest.getForEntity("/api/kpi/late", String.class);
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(nothing.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"4IM\"");
    }

    @Test
    void cockpitLoadsTheKpiPluginForItsUsers() {
        assertThat(rest.getForObject("/camunda/app/cockpit/scripts/config.js", String.class))
                .contains("'scripts/kpi-plugin.js'");
        ResponseEntity<String> plugin = rest.getForEntity("/camunda/app/cockpit/scripts/kpi-plugin.js", String.class);
        assertThat(plugin.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(plugin.getBody()).contains("cockpit.navigation", "cockpit.route", "'#/kpi'", "/kpi/dashboard.js");

        WebappSession coordinator = WebappSession.login(rest, "coordinator", "demo", "cockpit");
        Map user = coordinator.get("/camunda/api/admin/auth/user/default", Map.class).getBody();
        assertThat((List<String>) user.get("authorizedApps")).contains("cockpit");
    }

    @Test
    void cockpitShowsACoordinatorWhereACaseIsButNotItsPersonalVariables() {
        ProcessInstance journey = journeys.startJourney("Bizalmas", "tetemvar");
        String id = journey.getId();

        // the case itself and where it stands
        assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity("/engine-rest/process-instance/" + id,
                Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        WebappSession cockpit = WebappSession.login(rest, "coordinator", "demo", "cockpit");
        assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance/" + id + "/activity-instances",
                Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        // not its variables (first name, and later the barriers): neither in Cockpit nor through the REST API
        ResponseEntity<List> inCockpit = cockpit.get(
                "/camunda/api/engine/engine/default/variable-instance?processInstanceIdIn=" + id, List.class);
        assertThat(inCockpit.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(inCockpit.getBody()).isEmpty();
        assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity(
                "/engine-rest/variable-instance?processInstanceIdIn=" + id, List.class).getBody()).isEmpty();
        assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity(
                "/engine-rest/process-instance/" + id + "/variables", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity(
                "/engine-rest/history/variable-instance?processInstanceId=" + id, List.class).getBody()).isEmpty();

        // the managers who own the models still do, and the task's own workers see its variables in their form
        Map variables = rest.withBasicAuth("manager", "demo").getForEntity(
                "/engine-rest/process-instance/" + id + "/variables", Map.class).getBody();
        assertThat((Map) variables.get("firstName")).containsEntry("value", "Bizalmas");
        String intake = taskService.createTaskQuery().processInstanceId(id).taskDefinitionKey("Task_IntakeConsent")
                .singleResult().getId();
        ResponseEntity<Map> form = rest.withBasicAuth("coach", "demo").getForEntity(
                "/engine-rest/task/" + intake + "/form-variables", Map.class);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((Map) form.getBody().get("firstName")).containsEntry("value", "Bizalmas");
        assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity(
                "/engine-rest/task/" + intake + "/form-variables", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
