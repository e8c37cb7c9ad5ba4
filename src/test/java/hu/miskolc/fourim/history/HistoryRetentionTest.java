package hu.miskolc.fourim.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.process.ProcessTestSupport;
import hu.miskolc.fourim.survey.HouseholdRepository;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention limit holds: a finished case's history carries the time it may be kept until (its end plus the
 * process's time to live), the nightly history cleanup is scheduled, and it removes the history of a case whose time
 * has come and nothing else.
 */
@IntegrationTest
class HistoryRetentionTest extends ProcessTestSupport {

    private static final String[] HISTORY_TABLES = {"ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
        "ACT_HI_VARINST", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG"};

    @Autowired
    HouseholdRepository households;

    @BeforeEach
    void init() {
        initAssertions();
    }

    private ProcessInstance refusedSurvey(String address) {
        ProcessInstance survey = startSurvey("tetemvar", address);
        engine.getIdentityService().setAuthentication("field", List.of("field-assistants"), List.of("tetemvar"));
        try {
            completeAt(survey, "Task_VisitHousehold", Map.of("visitOutcome", "refused"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        return survey;
    }

    private long historyRows(String processInstanceId) {
        long rows = 0;
        for (String table : HISTORY_TABLES) {
            rows += jdbc.queryForObject("select count(*) from " + table + " where ROOT_PROC_INST_ID_ = ?", Long.class,
                    processInstanceId);
        }
        return rows;
    }

    @Test
    void theHistoryOfACaseWhoseTimeHasComeIsRemovedAtNightAndNothingElse() {
        HistoryService history = engine.getHistoryService();
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty();

        String expiredAddress = "Megőrzés utca " + UUID.randomUUID();
        ProcessInstance expired = refusedSurvey(expiredAddress);
        ProcessInstance kept = refusedSurvey("Megőrzés utca " + UUID.randomUUID());
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceId(expired.getId())
                .singleResult();
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getRemovalTime()).isCloseTo(Date.from(ended.getEndTime().toInstant()
                .plus(Duration.ofDays(1825))), 60_000);
        assertThat(historyRows(expired.getId())).isGreaterThan(5);

        // five years on, for one of them: its rows carry a removal time in the past
        Date past = Date.from(ended.getEndTime().toInstant().minus(Duration.ofDays(1)));
        for (String table : HISTORY_TABLES) {
            jdbc.update("update " + table + " set REMOVAL_TIME_ = ? where ROOT_PROC_INST_ID_ = ?", past,
                    expired.getId());
        }
        Job cleanup = history.cleanUpHistoryAsync(true);
        engine.getManagementService().executeJob(cleanup.getId());

        assertThat(historyRows(expired.getId())).isZero();
        assertThat(historyRows(kept.getId())).isGreaterThan(5);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(kept.getId()).count()).isOne();
        // the household register is ours, not the engine's history: it keeps the refusal
        assertThat(households.findByAddress("tetemvar", expiredAddress)).get()
                .extracting(HouseholdRepository.Household::status).isEqualTo("refused");
    }
}
