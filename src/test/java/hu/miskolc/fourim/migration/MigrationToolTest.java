package hu.miskolc.fourim.migration;

import static hu.miskolc.fourim.migration.ParticipantJourneyV2.ADDED;
import static hu.miskolc.fourim.migration.ParticipantJourneyV2.REMOVED;
import static hu.miskolc.fourim.migration.ParticipantJourneyV2.RENAMED_FROM;
import static hu.miskolc.fourim.migration.ParticipantJourneyV2.RENAMED_TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A manager deploys a second version of {@code participant-journey} — one task added, one renamed, one removed — and
 * moves the running journeys with the migration tool: cases in unchanged tasks and, with a mapping, in the renamed
 * one move with their variables and history; a case in the removed task is reported as not movable and stays.
 * Runs after the other test classes, because the new version becomes the one new journeys start on; the original
 * model is deployed again at the end.
 */
@IntegrationTest
@Order(Integer.MAX_VALUE - 1)
@SuppressWarnings({"rawtypes", "unchecked"})
class MigrationToolTest extends ProcessTestSupport {

    private static final String KEY = ParticipantJourneyProcess.KEY;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestJourneys people;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void managersMoveRunningJourneysToANewVersionAndCasesThatCannotMoveStay() throws IOException {
        ProcessDefinition v1 = latest();
        ProcessInstance atIntake = startJourney("Ádám");
        ProcessInstance atAssessment = startJourney("Borbála");
        consent(atAssessment);
        ProcessInstance atReferral = startJourney("Csaba");
        consent(atReferral);
        completeAt(atReferral, RENAMED_FROM, TestJourneys.assessment(Map.of("debtBarrier", true)));
        ProcessInstance atDocuments = startJourney("Dóra");
        consent(atDocuments);
        Map<String, Object> withoutTaj = TestJourneys.assessment(Map.of("lacksSchooling", true));
        withoutTaj.put("hasTajCard", false);
        completeAt(atDocuments, RENAMED_FROM, withoutTaj);
        assertThat(atDocuments).isWaitingAt(REMOVED, "Task_AcceptReferral");

        List<ProcessInstance> mine = List.of(atIntake, atAssessment, atReferral, atDocuments);
        Map<String, Map<String, Object>> variablesBefore = new HashMap<>();
        mine.forEach(pi -> variablesBefore.put(pi.getId(), engine.getRuntimeService().getVariables(pi.getId())));
        Task assessmentTask = taskAt(atAssessment, RENAMED_FROM);
        String assessmentActivityInstance = historicActivity(atAssessment, RENAMED_FROM).getId();

        try {
            assertThat(deployV2AsManager().getStatusCode()).isEqualTo(HttpStatus.OK);
            ProcessDefinition v2 = latest();
            assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);
            // running cases stay on the version they started with until migrated
            mine.forEach(pi -> assertThat(definitionOf(pi)).isEqualTo(v1.getId()));
            assertThat(startJourney("Ede")).isWaitingAt(ADDED);

            // dry run with equal activities only: the renamed and the removed task cannot move
            Map plain = post("/api/migrations/plan", request(v1, v2, List.of()), Map.class).getBody();
            assertThat(plain.get("valid")).isEqualTo(true);
            assertThat(caseOf(plain, atIntake).get("migratable")).isEqualTo(true);
            assertThat(caseOf(plain, atReferral).get("migratable")).isEqualTo(true);
            assertThat(caseOf(plain, atAssessment).get("migratable")).isEqualTo(false);
            assertThat((List<String>) caseOf(plain, atAssessment).get("reasons"))
                    .anySatisfy(r -> assertThat(r).contains(RENAMED_FROM, "nincs megfelelője"));
            assertThat(activity(plain, RENAMED_FROM).get("targetActivityId")).isNull();

            // with the manager's mapping for the renamed task
            List<Map<String, String>> mappings = List.of(Map.of("from", RENAMED_FROM, "to", RENAMED_TO));
            Map plan = post("/api/migrations/plan", request(v1, v2, mappings), Map.class).getBody();
            assertThat(caseOf(plan, atAssessment).get("migratable")).isEqualTo(true);
            assertThat(caseOf(plan, atDocuments).get("migratable")).isEqualTo(false);
            assertThat((List<String>) caseOf(plan, atDocuments).get("reasons"))
                    .anySatisfy(r -> assertThat(r).contains(REMOVED, "nincs megfelelője"));
            Map renamed = activity(plan, RENAMED_FROM);
            assertThat(renamed.get("targetActivityId")).isEqualTo(RENAMED_TO);
            assertThat((int) renamed.get("migratable")).isPositive();
            assertThat((int) activity(plan, REMOVED).get("notMigratable")).isPositive();
            assertThat((List<Map>) plan.get("instructions")).anySatisfy(i -> {
                assertThat(i.get("from")).isEqualTo(RENAMED_FROM);
                assertThat(i.get("manual")).isEqualTo(true);
            });
            // the dry run changed nothing
            mine.forEach(pi -> assertThat(definitionOf(pi)).isEqualTo(v1.getId()));
            assertThat(taskAt(atAssessment, RENAMED_FROM).getId()).isEqualTo(assessmentTask.getId());

            ResponseEntity<Map> started = post("/api/migrations/execute", request(v1, v2, mappings), Map.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String batchId = (String) started.getBody().get("batchId");
            Map before = get("/api/migrations/batches/" + batchId);
            assertThat(before.get("finished")).isEqualTo(false);
            assertThat(outcomeOf(before, atAssessment).get("status")).isEqualTo("pending");

            TestBatches.run(engine.getManagementService(), batchId);

            Map after = get("/api/migrations/batches/" + batchId);
            assertThat(after.get("finished")).isEqualTo(true);
            assertThat(outcomeOf(after, atIntake).get("status")).isEqualTo("moved");
            assertThat(outcomeOf(after, atAssessment).get("status")).isEqualTo("moved");
            assertThat(outcomeOf(after, atReferral).get("status")).isEqualTo("moved");
            assertThat(outcomeOf(after, atDocuments).get("status")).isEqualTo("left-behind");
            assertThat((String) outcomeOf(after, atDocuments).get("reason")).contains(REMOVED);
            assertThat((int) after.get("failed")).isZero();

            // each case is where it should be, with its variables
            for (ProcessInstance moved : List.of(atIntake, atAssessment, atReferral)) {
                assertThat(definitionOf(moved)).isEqualTo(v2.getId());
                assertThat(engine.getRuntimeService().getVariables(moved.getId()))
                        .isEqualTo(variablesBefore.get(moved.getId()));
            }
            assertThat(definitionOf(atDocuments)).isEqualTo(v1.getId());
            assertThat(engine.getRuntimeService().getVariables(atDocuments.getId()))
                    .isEqualTo(variablesBefore.get(atDocuments.getId()));
            assertThat(atIntake).isWaitingAt("Task_IntakeConsent");
            assertThat(atReferral).isWaitingAt("Task_AcceptReferral");
            Job overdueTimer = engine.getManagementService().createJobQuery().processInstanceId(atReferral.getId())
                    .activityId("BoundaryEvent_ReferralOverdue").singleResult();
            assertThat(overdueTimer.getProcessDefinitionId()).isEqualTo(v2.getId());
            assertThat(atAssessment).isWaitingAt(RENAMED_TO);
            Task renamedTask = taskAt(atAssessment, RENAMED_TO);
            assertThat(renamedTask.getId()).isEqualTo(assessmentTask.getId());
            assertThat(renamedTask.getProcessDefinitionId()).isEqualTo(v2.getId());

            // history is continuous: the same activity instance, before and after, on the case's history
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(atAssessment.getId()).singleResult().getProcessDefinitionId())
                    .isEqualTo(v2.getId());
            HistoricActivityInstance migratedStep = historicActivity(atAssessment, RENAMED_TO);
            assertThat(migratedStep.getId()).isEqualTo(assessmentActivityInstance);
            assertThat(atAssessment).hasPassed("StartEvent_JourneyStarted", "Task_IntakeConsent");

            // and the cases go on: the moved ones on the new version, the one left behind on the old
            completeAt(atAssessment, RENAMED_TO, TestJourneys.assessment(Map.of("housingBarrier", true)));
            assertThat(atAssessment).isWaitingAt("Task_AcceptReferral");
            assertThat(atAssessment).hasPassedInOrder("Task_IntakeConsent", RENAMED_TO, "BusinessRule_PackageDecision");
            consent(atIntake);
            assertThat(atIntake).isWaitingAt(RENAMED_TO);
            completeAt(atDocuments, REMOVED, Map.of("addressCardArranged", false, "tajCardArranged", true));
            assertThat(atDocuments).isWaitingAt("Task_AcceptReferral");

            // the run is listed with the manager who started it
            List<Map> runs = rest.withBasicAuth("manager", "demo").getForObject("/api/migrations/runs", List.class);
            assertThat(runs).anySatisfy(run -> {
                assertThat(run.get("batchId")).isEqualTo(batchId);
                assertThat(run.get("startedBy")).isEqualTo("manager");
                assertThat(run.get("automatic")).isEqualTo(false);
            });
        } finally {
            redeployOriginal();
        }
    }

    @Test
    void theToolIsForManagersAndAdministrators() {
        assertThat(rest.getForEntity("/api/migrations/processes", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("adviser", "demo").getForEntity("/api/migrations/processes", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("adviser", "demo").exchange("/api/migrations/execute", HttpMethod.POST,
                json(Map.of("processKey", KEY, "sourceVersion", 1, "targetVersion", 2)), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("adviser", "demo").getForEntity("/migration", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<List> processes = rest.withBasicAuth("manager", "demo")
                .getForEntity("/api/migrations/processes", List.class);
        assertThat(processes.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map>) processes.getBody()).anySatisfy(p -> {
            assertThat(p.get("processKey")).isEqualTo(KEY);
            assertThat(p.get("autoMigrateOnDeploy")).isEqualTo(false);
        });
        assertThat(rest.withBasicAuth("admin", "demo").getForEntity("/api/migrations/processes", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> page = rest.withBasicAuth("manager", "demo").getForEntity("/migration", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Futó ügyek migrálása", "auto-migrate-check");
    }

    @Test
    void invalidRequestsAreRefusedWith400InHungarian() {
        assertRefused(Map.of("sourceVersion", 1, "targetVersion", 2), "folyamat kulcsát");
        assertRefused(Map.of("processKey", KEY, "sourceVersion", 1), "célverziót");
        assertRefused(Map.of("processKey", KEY, "sourceVersion", 1, "targetVersion", 1), "nem lehet ugyanaz");
        assertRefused(Map.of("processKey", "no-such-process", "sourceVersion", 1, "targetVersion", 2),
                "„no-such-process” folyamatnak nincs 1. verziója");
        assertRefused(Map.of("processKey", KEY, "sourceVersion", 1, "targetVersion", 999), "nincs 999. verziója");
        ResponseEntity<Map> badJson = rest.withBasicAuth("manager", "demo").exchange("/api/migrations/plan",
                HttpMethod.POST, json("{\"processKey\": \"x\", \"sourceVersion\": \"egy\""), Map.class);
        assertThat(badJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) badJson.getBody().get("message")).contains("nem érvényes JSON");
        ResponseEntity<Map> unknown = rest.withBasicAuth("manager", "demo")
                .getForEntity("/api/migrations/batches/no-such-batch", Map.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) unknown.getBody().get("message")).contains("Nincs „no-such-batch”");
    }

    private void assertRefused(Map<String, Object> body, String message) {
        ResponseEntity<Map> response = rest.withBasicAuth("manager", "demo").exchange("/api/migrations/plan",
                HttpMethod.POST, json(body), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) response.getBody().get("message")).contains(message);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private ResponseEntity<String> deployV2AsManager() throws IOException {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "participant-journey v2");
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("participant-journey.bpmn", file("participant-journey.bpmn",
                ParticipantJourneyV2.xml().getBytes(StandardCharsets.UTF_8)));
        for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
            parts.add(form.getFilename(), file(form.getFilename(), form.getContentAsByteArray()));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth("manager", "demo").postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(parts, headers), String.class);
    }

    private void redeployOriginal() throws IOException {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
                .name("participant-journey (original again)")
                .addClasspathResource("processes/participant-journey.bpmn");
        for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
            deployment.addInputStream(form.getFilename(), form.getInputStream());
        }
        deployment.deploy();
        assertThat(new ClassPathResource("processes/participant-journey.bpmn").exists()).isTrue();
    }

    private static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private static Map<String, Object> request(ProcessDefinition source, ProcessDefinition target,
                                               List<Map<String, String>> mappings) {
        return Map.of("processKey", KEY, "sourceVersion", source.getVersion(), "targetVersion", target.getVersion(),
                "mappings", mappings);
    }

    private <T> ResponseEntity<T> post(String path, Object body, Class<T> type) {
        ResponseEntity<T> response = rest.withBasicAuth("manager", "demo").exchange(path, HttpMethod.POST,
                json(body), type);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s: %s", path, response.getBody()).isTrue();
        return response;
    }

    private Map get(String path) {
        ResponseEntity<Map> response = rest.withBasicAuth("manager", "demo").getForEntity(path, Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static Map caseOf(Map report, ProcessInstance instance) {
        return ((List<Map>) report.get("cases")).stream()
                .filter(c -> instance.getId().equals(c.get("processInstanceId"))).findFirst().orElseThrow();
    }

    private static Map outcomeOf(Map report, ProcessInstance instance) {
        return caseOf(report, instance);
    }

    private static Map activity(Map report, String activityId) {
        return ((List<Map>) report.get("activities")).stream()
                .filter(a -> activityId.equals(a.get("activityId"))).findFirst().orElseThrow();
    }

    private ProcessDefinition latest() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion()
                .singleResult();
    }

    private String definitionOf(ProcessInstance instance) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getProcessDefinitionId();
    }

    private HistoricActivityInstance historicActivity(ProcessInstance instance, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId(activityId).unfinished().singleResult();
    }

    private ProcessInstance startJourney(String firstName) {
        return people.startJourney(firstName, "babonyiberc");
    }

    private void consent(ProcessInstance journey) {
        completeAt(journey, "Task_IntakeConsent", Map.of("consentDecision", "given"));
    }
}
