package hu.miskolc.fourim.database;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * <p>Every {@code fourim.planner-statistics.interval} (default 5 s) this analyses the tables of the application's schema
 * that have changed by more rows than they held when last analysed and by at least
 * {@code fourim.planner-statistics.min-changed-rows} (default 1,000): a table that has at least doubled. A grown table
 * is analysed rarely by this (it has to double again); autovacuum stays in charge of it. ANALYZE also makes every
 * connection plan its statements on the table again.
 */
@Component
@ConditionalOnProperty(name = "fourim.planner-statistics.enabled", havingValue = "true", matchIfMissing = true)
class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcTemplate jdbc;
    private final long minChangedRows;

    PlannerStatistics(JdbcTemplate jdbc,
                      @org.springframework.beans.factory.annotation.Value("${fourim.planner-statistics.min-changed-rows:1000}")
                      long minChangedRows) {
        this.jdbc = jdbc;
        this.minChangedRows = minChangedRows;
    }

    /** The tables that have doubled since they were last analysed (a table never analysed holds -1 rows). */
    List<String> grownTables() {
        return jdbc.queryForList("select quote_ident(s.schemaname) || '.' || quote_ident(s.relname) "
                + "from pg_stat_user_tables s join pg_class c on c.oid = s.relid "
                + "where s.schemaname = current_schema() and s.n_mod_since_analyze >= greatest(?, c.reltuples) "
                + "order by s.n_mod_since_analyze desc", String.class, minChangedRows);
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
