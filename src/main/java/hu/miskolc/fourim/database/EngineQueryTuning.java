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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the engine's queries fast at city scale (100,000 open tasks) with authorization on:
 * <ul>
 *   <li>the groups that have any grant, which the engine asks for in every command of a user, are read from the index
 *       ({@link AuthorizedGroupsQuery});
 *   <li>the task query's authorization join is rewritten into one PostgreSQL can hash ({@link TaskQueryAuthorizationJoin});
 *   <li>a working group's task list sorted by due date is read from an index of the group's candidate links in
 *       due-date order ({@link CandidateDueDateOrder}): each identity link of a task carries a copy of the task's due
 *       date ({@code FOURIM_DUE_DATE_}), set by a trigger when the link is written and kept by a trigger on the task
 *       when its due date changes;
 *   <li>an index on the tasks' due date, for due-date sorted lists that are not a group's (all tasks, a user's own),
 *       so that the first page is read in due-date order and stops after a page instead of sorting every open task;
 *   <li>an index on the tasks' parent task: completing or deleting a task looks up its subtasks
 *       ({@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}), which Camunda's PostgreSQL schema does not
 *       index, so every task completion read all open tasks (22 ms at 112,600 open tasks, 60% of the database time of
 *       the journey). Partial, so it holds only the few subtasks;
 *   <li>statistics on the permission bits the task query tests ({@code PERMS_ & 2}: READ of a task,
 *       {@code PERMS_ & 64}: READ_TASK of a process definition). Without them PostgreSQL guesses that 0.5% of the
 *       grants match, misjudges a group with thousands of grants as one with a dozen and picks a full sort.
 * </ul>
 * The engine's schema is created when the engine is built, so the column, triggers, indexes and statistics are added
 * then, in one transaction under an advisory lock (idempotent; the copies of the due dates are filled and the tables
 * analysed once, when the column or the statistics are new). The triggers stay when the tuning is turned off later,
 * so the copies never go stale. {@code fourim.engine-query-tuning.enabled=false} turns
 * all of it off, for measuring stock Camunda.
 */
@Component
class EngineQueryTuning extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(EngineQueryTuning.class);

    /** Serialises the schema additions of servers that start at the same time on one database. */
    private static final long SCHEMA_LOCK = 4_104_001L;

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
            mybatis.addInterceptor(new TaskQueryRewrite());
            mybatis.addInterceptor(new AuthorizedGroupsQuery());
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!tuned || !isPostgres((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())) {
            return;
        }
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.queryForList("select pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            jdbc.execute("create index if not exists fourim_idx_task_due_date on act_ru_task (due_date_)");
            jdbc.execute("create index if not exists fourim_idx_task_parent on act_ru_task (parent_task_id_)"
                    + " where parent_task_id_ is not null");
            keepDueDatesOnIdentityLinks(jdbc);
            Integer existing = jdbc.queryForObject("select count(*) from pg_statistic_ext"
                    + " where stxname in ('fourim_auth_perm_read', 'fourim_auth_perm_read_task')", Integer.class);
            if (existing == null || existing < STATISTICS.size()) {
                STATISTICS.forEach(jdbc::execute);
                jdbc.execute("analyze act_ru_authorization");
                LOG.info("Task list: statistics on the authorization permission bits created");
            }
        });
    }

    /** The identity links' copy of their task's due date, its triggers and its index for candidate groups. */
    private static void keepDueDatesOnIdentityLinks(JdbcTemplate jdbc) {
        Integer column = jdbc.queryForObject("select count(*) from information_schema.columns where table_schema ="
                + " current_schema() and table_name = 'act_ru_identitylink' and column_name = 'fourim_due_date_'",
                Integer.class);
        jdbc.execute("alter table act_ru_identitylink add column if not exists fourim_due_date_ timestamp");
        jdbc.execute("""
                create or replace function fourim_identitylink_due_date() returns trigger language plpgsql as $$
                begin
                    if new.task_id_ is null then
                        new.fourim_due_date_ := null;
                    else
                        select t.due_date_ into new.fourim_due_date_ from act_ru_task t where t.id_ = new.task_id_;
                    end if;
                    return new;
                end $$""");
        jdbc.execute("""
                create or replace trigger fourim_identitylink_due_date before insert or update of task_id_
                on act_ru_identitylink for each row execute function fourim_identitylink_due_date()""");
        jdbc.execute("""
                create or replace function fourim_task_due_date() returns trigger language plpgsql as $$
                begin
                    update act_ru_identitylink set fourim_due_date_ = new.due_date_ where task_id_ = new.id_;
                    return null;
                end $$""");
        jdbc.execute("""
                create or replace trigger fourim_task_due_date after update of due_date_ on act_ru_task
                for each row when (old.due_date_ is distinct from new.due_date_)
                execute function fourim_task_due_date()""");
        jdbc.execute("create index if not exists fourim_idx_candidate_due_date on act_ru_identitylink"
                + " (group_id_, fourim_due_date_) where type_ = 'candidate'");
        if (column == null || column == 0) {
            int copied = jdbc.update("update act_ru_identitylink i set fourim_due_date_ = t.due_date_"
                    + " from act_ru_task t where t.id_ = i.task_id_ and t.due_date_ is not null");
            jdbc.execute("analyze act_ru_identitylink");
            LOG.info("Task list: due dates copied to {} identity links", copied);
        }
    }

    private static boolean isPostgres(ProcessEngineConfigurationImpl configuration) {
        return "postgres".equals(configuration.getDatabaseType());
    }
}
