package hu.miskolc.fourim.database;

import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's queries fast at city scale (100,000 open tasks) with authorization on:
 * <ul>
 *   <li>the groups that have any grant, which the engine asks for in every command of a user, are read from the index
 *       ({@link AuthorizedGroupsQuery});
 *   <li>the task query's authorization join is rewritten into one PostgreSQL can hash ({@link TaskQueryAuthorizationJoin});
 *   <li>an index on the tasks' due date, the order Tasklist and the working groups sort by, so that the first page is
 *       read in due-date order and stops after a page instead of sorting every open task of the group;
 *   <li>statistics on the permission bits the task query tests ({@code PERMS_ & 2}: READ of a task,
 *       {@code PERMS_ & 64}: READ_TASK of a process definition). Without them PostgreSQL guesses that 0.5% of the
 *       grants match, misjudges a group with thousands of grants as one with a dozen and picks a full sort.
 * </ul>
 * The engine's schema is created when the engine is built, so the index and statistics are added then (idempotent;
 * the tables are analysed once, when the statistics are new). {@code fourim.engine-query-tuning.enabled=false} turns
 * all of it off, for measuring stock Camunda.
 */
@Component
class EngineQueryTuning extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(EngineQueryTuning.class);

    private static final List<String> STATISTICS = List.of(
            "create statistics if not exists fourim_auth_perm_read on (perms_ & 2) from act_ru_authorization",
            "create statistics if not exists fourim_auth_perm_read_task on (perms_ & 64) from act_ru_authorization");

    private final DataSource dataSource;
    private final boolean tuned;

    EngineQueryTuning(DataSource dataSource, @Value("${fourim.engine-query-tuning.enabled:true}") boolean tuned) {
        this.dataSource = dataSource;
        this.tuned = tuned;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (tuned && isPostgres(configuration)) {
            org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
            mybatis.addInterceptor(new TaskQueryAuthorizationJoin());
            mybatis.addInterceptor(new AuthorizedGroupsQuery());
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!tuned || !isPostgres((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create index if not exists fourim_idx_task_due_date on act_ru_task (due_date_)");
        Integer existing = jdbc.queryForObject(
                "select count(*) from pg_statistic_ext where stxname in ('fourim_auth_perm_read', 'fourim_auth_perm_read_task')",
                Integer.class);
        if (existing == null || existing < STATISTICS.size()) {
            STATISTICS.forEach(jdbc::execute);
            jdbc.execute("analyze act_ru_authorization");
            LOG.info("Task list: statistics on the authorization permission bits created");
        }
    }

    private static boolean isPostgres(ProcessEngineConfigurationImpl configuration) {
        return "postgres".equals(configuration.getDatabaseType());
    }
}
