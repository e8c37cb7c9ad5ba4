package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import hu.miskolc.fourim.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table that has at least doubled since it was last analysed is analysed within a round, so the planner knows its
 * size; a table that grew by less, or whose rows come and go, is left to autovacuum.
 */
@IntegrationTest
class PlannerStatisticsTest {

    @Autowired
    PlannerStatistics statistics;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void createProbe() {
        jdbc.execute("create table planner_statistics_probe (id int primary key, payload text)");
        jdbc.update("insert into planner_statistics_probe select i, 'x' from generate_series(1, 10) i");
        jdbc.execute("analyze planner_statistics_probe");
    }

    @AfterEach
    void dropProbe() {
        jdbc.execute("drop table planner_statistics_probe");
    }

    @Test
    void aTableThatHasDoubledIsAnalysedAndOneThatGrewLessIsNot() {
        assertThat(estimatedRows()).isEqualTo(10);
        jdbc.update("insert into planner_statistics_probe select i, 'x' from generate_series(11, 5000) i");

        // the activity statistics reach other sessions within a second or so; each round analyses what has doubled
        await(() -> {
            statistics.analyseGrownTables();
            return estimatedRows() == 5000;
        });
        assertThat(statistics.grownTables()).doesNotContain("public.planner_statistics_probe");

        // 1,500 more rows: fewer than the 5,000 it held when analysed
        jdbc.update("insert into planner_statistics_probe select i, 'x' from generate_series(5001, 6500) i");
        await(() -> changedSinceAnalyse() >= 1500);
        assertThat(statistics.grownTables()).doesNotContain("public.planner_statistics_probe");

        // rows that come and go (as the KPI roll-up's deltas do) are not growth
        jdbc.update("delete from planner_statistics_probe where id > 10");
        jdbc.execute("analyze planner_statistics_probe");
        for (int round = 0; round < 3; round++) {
            jdbc.update("insert into planner_statistics_probe select i, 'x' from generate_series(11, 900) i");
            jdbc.update("delete from planner_statistics_probe where id > 10");
        }
        await(() -> changedSinceAnalyse() >= 5000);
        assertThat(statistics.grownTables()).doesNotContain("public.planner_statistics_probe");
    }

    private long estimatedRows() {
        return jdbc.queryForObject("select reltuples::bigint from pg_class where relname = 'planner_statistics_probe'",
                Long.class);
    }

    private long changedSinceAnalyse() {
        return jdbc.queryForObject("select coalesce((select n_mod_since_analyze from pg_stat_user_tables "
                + "where relname = 'planner_statistics_probe'), 0)", Long.class);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
