package hu.miskolc.fourim.database;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's statistics of quickly growing tables current, so that statements are not run with plans made for
 * a table of a few rows.
 *
 * <p>A connection plans a prepared statement once (after five executions, a generic plan) from the statistics of that
 * moment and keeps the plan until the table is analysed again. Autovacuum analyses a table after a tenth of it has
 * changed, but looks only once a minute ({@code autovacuum_naptime}). A young table that grows quickly, such as the
 * engine's authorization table while a new installation imports its first 10,000 addresses (one authorization per
 * task), was meanwhile read with a plan made when it held a few rows: a sequential scan for each task created, so
 * every chunk of the import was slower than the one before (BENCHMARKS.md, scenario 4).
 *
 * <p>Every {@code fourim.planner-statistics.interval} (default 5 s) this analyses the tables of the application's
 * schema that have at least doubled since they were last analysed and hold at least
 * {@code fourim.planner-statistics.min-rows} (default 1,000) rows. A grown table is analysed rarely by this (it has to
 * double again); autovacuum stays in charge of it. ANALYZE also makes every connection plan its statements on the
 * table again.
 */
@Component
@ConditionalOnProperty(name = "fourim.planner-statistics.enabled", havingValue = "true", matchIfMissing = true)
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcTemplate jdbc;
    private final long minRows;

    PlannerStatistics(JdbcTemplate jdbc,
                      @Value("${fourim.planner-statistics.min-rows:1000}") long minRows) {
        this.jdbc = jdbc;
        this.minRows = minRows;
    }

    /**
     * The tables that hold at least twice the rows they held when last analysed (a table never analysed: -1), and at
     * least the minimum. A table whose rows come and go (the KPI roll-up's deltas) does not grow and is left alone:
     * analysing it would only make every connection plan its statements on it again.
     */
    List<String> grownTables() {
        return jdbc.queryForList("select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) "
                + "from pg_stat_user_tables s join pg_class c on c.oid = s.relid "
                + "where s.schemaname = current_schema() and s.n_live_tup >= greatest(?, 2 * c.reltuples) "
                + "and s.n_mod_since_analyze > 0 order by s.n_live_tup desc", String.class, minRows);
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${fourim.planner-statistics.interval:PT5S}")
    void analyseGrownTables() {
        try {
            for (String table : grownTables()) {
                // the name comes from the catalogue, quoted by quote_ident
                jdbc.execute("analyze " + table);
                log.debug("Analysed {}: it has at least doubled since it was last analysed", table);
            }
        } catch (RuntimeException e) {
            // statistics are an optimisation: autovacuum still analyses, and the next round tries again
            log.warn("Analysing grown tables failed: {}", e.getClass().getSimpleName());
            log.debug("Planner statistics failure", e);
        }
    }
}
