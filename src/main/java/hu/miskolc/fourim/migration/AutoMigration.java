package hu.miskolc.fourim.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The per-process policy {@code fourim.migration.auto-migrate-on-deploy}: when a new version of a listed process is
 * deployed (from Modeler, the REST API or at start-up), the cases running on its older versions are migrated to it
 * — equal activities only, through the same dry run as the tool, so a case that cannot move stays where it is. Each
 * run is logged and recorded, so the tool lists it. Runs after the deployment committed, one at a time, in the
 * background; deployments during start-up wait until the server is ready.
 */
@Component
class AutoMigration extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(AutoMigration.class);

    private final MigrationProperties properties;
    private final ObjectProvider<MigrationService> migrations;
    private final ObjectProvider<RepositoryService> repositoryService;
    private final ObjectProvider<RuntimeService> runtimeService;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "auto-migration");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> waitingForStart = new ArrayList<>();
    private boolean ready;

    AutoMigration(MigrationProperties properties, ObjectProvider<MigrationService> migrations,
                  ObjectProvider<RepositoryService> repositoryService, ObjectProvider<RuntimeService> runtimeService) {
        this.properties = properties;
        this.migrations = migrations;
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> postDeployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostDeployers());
        postDeployers.add(this::deployed);
        configuration.setCustomPostDeployers(postDeployers);
    }

    private void deployed(DeploymentEntity deployment) {
        if (!deployment.isNew() || properties.autoMigrateOnDeploy().isEmpty()) {
            return;
        }
        List<ProcessDefinitionEntity> definitions = deployment.getDeployedArtifacts(ProcessDefinitionEntity.class);
        if (definitions == null) {
            return;
        }
        for (ProcessDefinitionEntity definition : definitions) {
            if (properties.autoMigrates(definition.getKey())) {
                String id = definition.getId();
                Context.getCommandContext().getTransactionContext()
                        .addTransactionListener(TransactionState.COMMITTED, context -> schedule(id));
            }
        }
    }

    private synchronized void schedule(String definitionId) {
        if (ready) {
            executor.submit(() -> migrateTo(definitionId));
        } else {
            waitingForStart.add(definitionId);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void ready() {
        ready = true;
        if (!properties.autoMigrateOnDeploy().isEmpty()) {
            log.info("Running cases of {} are migrated automatically when a new version is deployed "
                    + "(fourim.migration.auto-migrate-on-deploy)", properties.autoMigrateOnDeploy());
        }
        waitingForStart.forEach(id -> executor.submit(() -> migrateTo(id)));
        waitingForStart.clear();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Migrates the cases of every older version of the definition's process to it. */
    void migrateTo(String definitionId) {
        try {
            ProcessDefinition target = repositoryService.getObject().getProcessDefinition(definitionId);
            List<ProcessDefinition> older = repositoryService.getObject().createProcessDefinitionQuery()
                    .processDefinitionKey(target.getKey()).list().stream()
                    .filter(d -> d.getVersion() < target.getVersion())
                    .filter(d -> Objects.equals(d.getTenantId(), target.getTenantId()))
                    .filter(d -> runtimeService.getObject().createProcessInstanceQuery()
                            .processDefinitionId(d.getId()).count() > 0)
                    .toList();
            for (ProcessDefinition source : older) {
                migrate(new MigrationRequest(target.getKey(), source.getVersion(), target.getVersion(), List.of()));
            }
        } catch (RuntimeException e) {
            log.error("Automatic migration to process definition {} failed", definitionId, e);
        }
    }

    private void migrate(MigrationRequest request) {
        String what = request.processKey() + " v" + request.sourceVersion() + " → v" + request.targetVersion();
        MigrationService service = migrations.getObject();
        MigrationService.PlanReport plan = service.plan(request, Locale.ENGLISH);
        if (!plan.valid()) {
            log.warn("Automatic migration {}: the plan of equal activities is not valid, nothing moved: {}", what,
                    plan.planFailures());
            return;
        }
        plan.cases().stream().filter(c -> !c.migratable()).forEach(c -> log.warn(
                "Automatic migration {}: case {} ({}) stays on v{}: {}", what, c.businessKey(),
                c.processInstanceId(), request.sourceVersion(), c.reasons()));
        if (plan.migratable() == 0) {
            log.warn("Automatic migration {}: none of the {} running cases can move", what, plan.instances());
            return;
        }
        MigrationService.StartedRun run = service.execute(request, "auto-migrate-on-deploy", true,
                Locale.forLanguageTag("hu")); // the reasons recorded for the tool are Hungarian
        log.info("Automatic migration {}: {} case(s) moving in batch {}, {} stay on v{}", what, run.instances(),
                run.batchId(), run.leftBehind(), request.sourceVersion());
    }
}
