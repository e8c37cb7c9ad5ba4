package hu.miskolc.fourim.migration;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;

/** Runs a batch's seed, migration and monitor jobs as the job executor would (it is off in tests). */
final class TestBatches {

    private TestBatches() {
    }

    static void run(ManagementService management, String batchId) {
        for (int round = 0; round < 50; round++) {
            Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
            if (batch == null) {
                return;
            }
            List<Job> jobs = new ArrayList<>();
            for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
                    batch.getMonitorJobDefinitionId())) {
                jobs.addAll(management.createJobQuery().jobDefinitionId(definition).list());
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
        throw new AssertionError("batch " + batchId + " did not finish");
    }
}
