package hu.miskolc.fourim.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.identity.Groups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
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

@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class SurveyImportTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    HouseholdRepository households;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;

    @Test
    void rowsAreValidatedRejectedRowsReportedAndAReUploadStartsNothingTwice() {
        String street = "Import utca " + UUID.randomUUID().toString().substring(0, 8);
        String csv = "district,address,note\n"
                + "babonyiberc,\"" + street + " 1., 2. ajtó\",\n"
                + "tetemvar," + street + " 2.,délután jobb\n"
                + "atlantisz," + street + " 3.,\n"
                + "babonyiberc,,\n"
                + "babonyiberc,\"" + street.toUpperCase() + " 1.,  2. ajtó\",\n";
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("household-survey").count();
        int plannedBefore = householdsPlanned("babonyiberc");

        ResponseEntity<Map> first = upload("coordinator", csv);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).containsEntry("accepted", 2).containsEntry("rejected", 2).containsEntry("skipped", 1);
        assertThat((List<Map<String, Object>>) first.getBody().get("rejectedRows"))
                .extracting(r -> r.get("line")).containsExactly(4, 5);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("household-survey").count())
                .isEqualTo(before + 2);

        // each survey is what a survey started by hand is: its household, its district, the coordinator as the one
        // who started it, and the visit in the list of the district's field assistants
        List<String> started = (List<String>) first.getBody().get("started");
        HouseholdRepository.Household household = households.findByAddress("babonyiberc", street + " 1., 2. ajtó")
                .orElseThrow();
        assertThat(started).containsExactly(household.caseRef(),
                households.findByAddress("tetemvar", street + " 2.").orElseThrow().caseRef());
        assertThat(household.status()).isEqualTo("planned");
        ProcessInstance survey = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(started.get(0))
                .singleResult();
        assertThat(survey.getTenantId()).isEqualTo("babonyiberc");
        assertThat(runtimeService.getVariables(survey.getId())).containsEntry("householdId", household.id().toString())
                .containsEntry("caseRef", household.caseRef()).containsEntry("districtName", "Bábonyibérc")
                .doesNotContainKeys("plannedVisitNote", "visitAttempts");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(survey.getId()).singleResult()
                .getStartUserId()).isEqualTo("coordinator");
        // a note goes with its address to the visit form
        String noted = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(started.get(1))
                .singleResult().getId();
        assertThat(runtimeService.getVariable(noted, "plannedVisitNote")).isEqualTo("délután jobb");
        identityService.setAuthentication("field", List.of(Groups.FIELD_ASSISTANTS), List.of("babonyiberc"));
        try {
            assertThat(taskService.createTaskQuery().taskCandidateGroup(Groups.FIELD_ASSISTANTS)
                    .processInstanceBusinessKey(started.get(0)).list())
                    .extracting(Task::getTaskDefinitionKey).containsExactly("Task_VisitHousehold");
        } finally {
            identityService.clearAuthentication();
        }
        // the households registered together are counted in the KPI summary
        assertThat(householdsPlanned("babonyiberc")).isEqualTo(plannedBefore + 1);

        ResponseEntity<Map> again = upload("coordinator", csv);
        assertThat(again.getBody()).containsEntry("accepted", 0).containsEntry("skipped", 3);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("household-survey").count())
                .isEqualTo(before + 2);
    }

    @Test
    void twoCoordinatorsUploadingTheSameLongFileAtOnceStartEachAddressOnce() throws Exception {
        // 450 addresses: three chunks, started side by side within each upload
        String street = "Párhuzam utca " + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("district,address,note\n");
        for (int i = 1; i <= 450; i++) {
            csv.append(i % 2 == 0 ? "tetemvar" : "babonyiberc").append(',').append(street).append(' ').append(i)
                    .append(".,\n");
        }
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("household-survey").count();

        ExecutorService uploads = Executors.newFixedThreadPool(2);
        try {
            Future<ResponseEntity<Map>> first = uploads.submit(() -> upload("coordinator", csv.toString()));
            Future<ResponseEntity<Map>> second = uploads.submit(() -> upload("coordinator", csv.toString()));
            Map one = first.get(2, TimeUnit.MINUTES).getBody();
            Map other = second.get(2, TimeUnit.MINUTES).getBody();

            // every address started exactly once, whichever upload got it; the other reports it as registered
            assertThat((int) one.get("accepted") + (int) other.get("accepted")).isEqualTo(450);
            assertThat((int) one.get("skipped") + (int) other.get("skipped")).isEqualTo(450);
            assertThat((int) one.get("rejected") + (int) other.get("rejected")).isZero();
            List<String> started = new java.util.ArrayList<>((List<String>) one.get("started"));
            started.addAll((List<String>) other.get("started"));
            assertThat(started).hasSize(450).doesNotHaveDuplicates();
            assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("household-survey").count())
                    .isEqualTo(before + 450);
            assertThat(households.findByAddress("babonyiberc", street + " 449.")).isPresent();
            assertThat(households.findByAddress("tetemvar", street + " 450.")).isPresent();
        } finally {
            uploads.shutdownNow();
        }
    }

    @Test
    void aCoordinatorWhoMayNotStartSurveysIsRefusedAndNothingIsRegistered() {
        User user = identityService.newUser("import-revoked");
        user.setPassword("demo");
        identityService.saveUser(user);
        identityService.createMembership("import-revoked", Groups.COORDINATORS);
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId("import-revoked");
        revoke.setResource(Resources.PROCESS_DEFINITION);
        revoke.setResourceId("household-survey");
        revoke.removePermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
        authorizationService.saveAuthorization(revoke);
        try {
            String street = "Tiltott utca " + UUID.randomUUID().toString().substring(0, 8);
            ResponseEntity<Map> refused = upload("import-revoked", "district,address\nbabonyiberc," + street + " 1.\n");

            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat((String) refused.getBody().get("message")).contains("jogosultsága");
            assertThat(households.findByAddress("babonyiberc", street + " 1.")).isEmpty();
        } finally {
            authorizationService.deleteAuthorization(revoke.getId());
            identityService.deleteUser("import-revoked");
        }
    }

    @Test
    void onlyCoordinatorsMayImportAndGarbageIsA400() {
        assertThat(upload("field", "district,address\n").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.postForEntity("/api/surveys/import", new HttpEntity<>("x", csvHeaders()), Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<Map> noHeader = upload("coordinator", "just,some\n\"unterminated");
        assertThat(noHeader.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) noHeader.getBody().get("message")).contains("fejléc");
    }

    private int householdsPlanned(String district) {
        Map summary = rest.withBasicAuth("coordinator", "demo").getForEntity("/api/kpi/summary?district=" + district,
                Map.class).getBody();
        return (int) ((Map) summary.get("funnel")).get("householdsPlanned");
    }

    private ResponseEntity<Map> upload(String user, String csv) {
        return rest.withBasicAuth(user, "demo").postForEntity("/api/surveys/import", new HttpEntity<>(csv, csvHeaders()),
                Map.class);
    }

    private static HttpHeaders csvHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return headers;
    }
}
