package hu.miskolc.fourim.security;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's grants on tasks (a candidate group or user may read and work the task), without a lookup that cannot
 * find anything. For each candidate of a task, Camunda's {@link DefaultAuthorizationProvider} first reads the
 * database for a grant of that candidate on that task, to add permissions to it. A task created in the same command
 * is not in the database yet, and its id is new, so there is no such row: the query ran once per new task and
 * candidate (ten percent of the bulk import's threads' time in a profile, BENCHMARKS.md) and always came back empty.
 * For such a task the grant is made directly; grants made earlier in the same command (the same candidate added
 * twice) are still found in the command's cache and merged, exactly as the engine does. Grants on tasks that exist
 * in the database are looked up as before. {@code fourim.new-task-grants.skip-lookup=false} keeps the engine's own
 * provider, for measuring stock Camunda.
 */
@Component
class NewTaskGrants extends AbstractProcessEnginePlugin {

    private final boolean skipLookup;

    NewTaskGrants(@Value("${fourim.new-task-grants.skip-lookup:true}") boolean skipLookup) {
        this.skipLookup = skipLookup;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (skipLookup) {
            configuration.setResourceAuthorizationProvider(new Provider());
        }
    }

    static final class Provider extends DefaultAuthorizationProvider {

        @Override
        protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId,
                                                            Resource resource) {
            return createdInThisCommand(taskId) ? null : super.getGrantAuthorization(taskId, userId, groupId, resource);
        }

        /** The task was inserted in the running command and is not written yet (so no grant on it is either). */
        static boolean createdInThisCommand(String taskId) {
            CommandContext commandContext = Context.getCommandContext();
            if (taskId == null || commandContext == null) {
                return false;
            }
            DbEntityCache cache = commandContext.getDbEntityManager().getDbEntityCache();
            TaskEntity task = cache.get(TaskEntity.class, taskId);
            return task != null && cache.isTransient(task);
        }
    }
}
