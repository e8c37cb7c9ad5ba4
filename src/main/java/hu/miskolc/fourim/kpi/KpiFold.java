package hu.miskolc.fourim.kpi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the KPI roll-up's deltas (written by the triggers of {@code V42__kpi_rollup.sql}) into the roll-up every
 * {@code fourim.kpi.fold-interval} (default 30 s), so the summary reads few delta rows. {@code kpi_fold()} runs in
 * one transaction under a transaction-level advisory lock: on several nodes one folds and the others skip the round.
 * The figures are exact whether or not a fold has run.
 */
@Component
@ConditionalOnProperty(name = "fourim.kpi.fold-enabled", havingValue = "true", matchIfMissing = true)
class KpiFold {

    private static final Logger log = LoggerFactory.getLogger(KpiFold.class);

    private final JdbcTemplate jdbc;

    KpiFold(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "PT20S", fixedDelayString = "${fourim.kpi.fold-interval:PT30S}")
    void fold() {
        try {
            // one statement, so one transaction also with auto-commit
            jdbc.queryForObject("select kpi_fold()", Boolean.class);
        } catch (RuntimeException e) {
            // the deltas stay and are still read by the summary; the next round tries again
            log.warn("Folding the KPI roll-up failed: {}", e.getClass().getSimpleName());
            log.debug("KPI fold failure", e);
        }
    }
}
