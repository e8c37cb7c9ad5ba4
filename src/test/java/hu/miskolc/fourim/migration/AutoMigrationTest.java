package hu.miskolc.fourim.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The per-process policy: the test profile turns {@code fourim.migration.auto-migrate-on-deploy} on for the test's
 * own process {@value #KEY} only. Deploying its second version moves the compatible case by itself; the case in a
 * removed task stays, and the run is recorded for the tool.
 */
@IntegrationTest
class AutoMigrationTest extends ProcessTestSupport {

    static final String KEY = "auto-migrate-check";

    @Autowired
    MigrationService migrations;
    @Autowired
    MigrationRuns runs;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void aNewVersionOfAProcessWithThePolicyTakesItsCompatibleCasesAlong() throws InterruptedException {
        ProcessDefinition v1 = deploy(model("Task_Review", "Task_Archive"));
        ProcessInstance atReview = engine.getRuntimeService().startProcessInstanceByKey(KEY, "auto-1");
        ProcessInstance atArchive = engine.getRuntimeService().startProcessInstanceByKey(KEY, "auto-2");
        completeAt(atArchive, "Task_Review", Map.of());
        assertThat(atArchive).isWaitingAt("Task_Archive");

        ProcessDefinition v2 = deploy(model("Task_Review", "Task_Approve"));

        MigrationRuns.Run run = awaitRun(v2);
        assertThat(run.automatic()).isTrue();
        assertThat(run.sourceVersion()).isEqualTo(v1.getVersion());
        assertThat(run.planned()).isEqualTo(1);
        assertThat(run.leftBehind()).isEqualTo(1);
        TestBatches.run(engine.getManagementService(), run.batchId());

        assertThat(definitionOf(atReview)).isEqualTo(v2.getId());
        assertThat(atReview).isWaitingAt("Task_Review");
        assertThat(definitionOf(atArchive)).isEqualTo(v1.getId());
        MigrationService.RunReport report = migrations.report(run.batchId());
        assertThat(report.finished()).isTrue();
        assertThat(report.moved()).isEqualTo(1);
        assertThat(report.cases()).anySatisfy(c -> {
            assertThat(c.processInstanceId()).isEqualTo(atArchive.getId());
            assertThat(c.status()).isEqualTo("left-behind");
            assertThat(c.reason()).contains("Task_Archive");
        });
        assertThat(migrations.processes()).anySatisfy(p -> {
            assertThat(p.processKey()).isEqualTo(KEY);
            assertThat(p.autoMigrateOnDeploy()).isTrue();
        });

        completeAt(atReview, "Task_Review", Map.of());
        assertThat(atReview).isWaitingAt("Task_Approve");
    }

    /** start → first → second → end, each task with its own id. */
    private static BpmnModelInstance model(String first, String second) {
        AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(KEY).name("Automatikus migráció próba")
                .camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Check")
                .userTask(first).name(first)
                .userTask(second).name(second);
        return builder.endEvent("EndEvent_Check").done();
    }

    private ProcessDefinition deploy(BpmnModelInstance model) {
        String deploymentId = engine.getRepositoryService().createDeployment().name(KEY)
                .addModelInstance(KEY + ".bpmn", model).deploy().getId();
        return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deploymentId)
                .singleResult();
    }

    /** The policy runs in the background after the deployment committed. */
    private MigrationRuns.Run awaitRun(ProcessDefinition target) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<MigrationRuns.Run> run = runs.latestForProcess(KEY, 10).stream()
                    .filter(r -> r.targetDefinitionId().equals(target.getId())).findFirst();
            if (run.isPresent()) {
                return run.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no automatic migration to " + target.getId());
    }

    private String definitionOf(ProcessInstance instance) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult().getProcessDefinitionId();
    }
}
