package hu.miskolc.fourim.database;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine checks the id of every row it inserts with an error message built before the check:
 * {@code "Entity " + entity + " has an invalid id"} renders the whole entity ({@code toString()} of a history event
 * lists every field) for each insert, and throws the text away when the id is there, as it always is. A profile (JFR)
 * of the bulk import put 10% of the import threads' samples there, and the just-in-time compiler kept compiling the
 * entities' {@code toString} methods (BENCHMARKS.md). This entity manager runs the same check and builds the message
 * only when it fails; the rest of the engine's entity manager is unchanged. {@code fourim.insert-id-check.lazy=false}
 * keeps the engine's own, for measuring stock Camunda.
 */
@Component
class InsertIdCheck extends AbstractProcessEnginePlugin {

    private final boolean lazy;

    InsertIdCheck(@Value("${fourim.insert-id-check.lazy:true}") boolean lazy) {
        this.lazy = lazy;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!lazy) {
            return;
        }
        // a custom factory of a session type replaces the engine's own
        // (ProcessEngineConfigurationImpl#initSessionFactories)
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new EntityManagerFactory(configuration));
        configuration.setCustomSessionFactories(factories);
    }

    /** As the engine's {@code DbEntityManagerFactory}; the id generator is read when a session opens (set later). */
    static final class EntityManagerFactory implements SessionFactory {
        private final ProcessEngineConfigurationImpl configuration;

        EntityManagerFactory(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public Class<?> getSessionType() {
            return DbEntityManager.class;
        }

        @Override
        public Session openSession() {
            return new EntityManager(configuration, Context.getCommandContext().getSession(PersistenceSession.class));
        }
    }

    static final class EntityManager extends DbEntityManager {
        EntityManager(ProcessEngineConfigurationImpl configuration, PersistenceSession persistenceSession) {
            super(configuration.getIdGenerator(), persistenceSession);
        }

        /** The engine's check (an id, and not the wildcard {@code *}); its message is built only for a failure. */
        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || Authorization.ANY.equals(id)) {
                super.validateId(entity);
            }
        }
    }
}
