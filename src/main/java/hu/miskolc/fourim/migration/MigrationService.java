package hu.miskolc.fourim.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves running cases from one version of a process to another, safely: the plan maps equal activities plus the
 * manager's mappings and is validated by the engine; a dry run tries every case in a transaction that is rolled
 * back, so the report says exactly which cases would move and why the others cannot; only the movable ones go into
 * the engine's migration batch (one job per case), and the run is recorded for the report afterwards.
 */
@Service
public class MigrationService {

    private static final String NO_INSTRUCTION = "no migration instruction";
    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final HistoryService historyService;
    private final TransactionTemplate transactions;
    private final MigrationRuns runs;
    private final MigrationProperties properties;
    private final MessageSource messages;

    MigrationService(RepositoryService repositoryService, RuntimeService runtimeService,
                     ManagementService managementService, HistoryService historyService,
                     PlatformTransactionManager transactionManager, MigrationRuns runs,
                     MigrationProperties properties, MessageSource messages) {
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.historyService = historyService;
        this.transactions = new TransactionTemplate(transactionManager);
        this.runs = runs;
        this.properties = properties;
        this.messages = messages;
    }

    // ---- what the tool shows -------------------------------------------------------------------------------------

    /** A deployed version of a process and how many cases run on it. */
    public record VersionInfo(int version, String definitionId, String versionTag, long runningInstances) {
    }

    public record ProcessOverview(String processKey, String name, boolean autoMigrateOnDeploy,
                                  List<VersionInfo> versions) {
    }

    public record DefinitionInfo(String definitionId, int version, String name) {
    }

    /** One activity mapping of the plan; {@code manual} when the manager gave it. */
    public record Instruction(String from, String fromName, String to, String toName, boolean manual) {
    }

    /** The cases waiting at one activity of the source version, and how many of them can move. */
    public record ActivitySummary(String activityId, String activityName, String targetActivityId,
                                  String targetActivityName, int instances, int migratable, int notMigratable) {
    }

    public record InstanceReport(String processInstanceId, String businessKey, List<String> activities,
                                 boolean migratable, List<String> reasons) {
    }

    /** The plan, its validation and the dry run: what would happen, before anything happens. */
    public record PlanReport(String processKey, DefinitionInfo source, DefinitionInfo target,
                             boolean autoMigrateOnDeploy, boolean valid, List<String> planFailures,
                             List<Instruction> instructions, int instances, int migratable, int notMigratable,
                             List<ActivitySummary> activities, List<InstanceReport> cases) {
    }

    public record StartedRun(String batchId, int instances, int leftBehind, PlanReport report) {
    }

    /** A case of a run afterwards: {@code moved}, {@code pending}, {@code failed} or {@code left-behind}. */
    public record InstanceOutcome(String processInstanceId, String businessKey, List<String> activities,
                                  String status, String reason) {
    }

    public record RunReport(MigrationRuns.Run run, int totalJobs, int completedJobs, int failedJobs,
                            int remainingJobs, boolean finished, int moved, int pending, int failed,
                            int leftBehind, List<String> jobFailures, List<InstanceOutcome> cases) {
    }

    public List<ProcessOverview> processes() {
        Map<String, List<ProcessDefinition>> byKey = new LinkedHashMap<>();
        repositoryService.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list()
                .forEach(d -> byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d));
        List<ProcessOverview> result = new ArrayList<>();
        byKey.forEach((key, definitions) -> result.add(new ProcessOverview(key, definitions.get(0).getName(),
                properties.autoMigrates(key), definitions.stream().map(d -> new VersionInfo(d.getVersion(),
                        d.getId(), d.getVersionTag(),
                        runtimeService.createProcessInstanceQuery().processDefinitionId(d.getId()).count())).toList())));
        return result;
    }

    public List<MigrationRuns.Run> runs(int limit) {
        return runs.latest(limit);
    }

    // ---- plan and dry run ----------------------------------------------------------------------------------------

    public PlanReport plan(MigrationRequest request, Locale locale) {
        return analyse(request, locale).report();
    }

    /** Starts the migration batch for the cases the dry run found movable; the others stay and are recorded. */
    public StartedRun execute(MigrationRequest request, String startedBy, boolean automatic, Locale locale) {
        Analysis analysis = analyse(request, locale);
        PlanReport report = analysis.report();
        if (!report.valid()) {
            throw new MigrationRequestException("migration.plan.invalid", String.join(" ", report.planFailures()));
        }
        List<String> movable = report.cases().stream().filter(InstanceReport::migratable)
                .map(InstanceReport::processInstanceId).toList();
        if (movable.isEmpty()) {
            throw new MigrationRequestException("migration.nothingToMigrate");
        }
        return transactions.execute(status -> {
            Batch batch = runtimeService.newMigration(analysis.plan()).processInstanceIds(movable).executeAsync();
            runs.record(new MigrationRuns.Run(batch.getId(), request.processKey(), report.source().definitionId(),
                            report.source().version(), report.target().definitionId(), report.target().version(),
                            request.mappingsOrEmpty(), startedBy, automatic, Instant.now(), movable.size(),
                            report.cases().size() - movable.size()),
                    report.cases().stream().map(c -> new MigrationRuns.RunInstance(c.processInstanceId(),
                            c.businessKey(), c.migratable(), c.activities(),
                            c.migratable() ? null : String.join(" ", c.reasons()))).toList());
            return new StartedRun(batch.getId(), movable.size(), report.cases().size() - movable.size(), report);
        });
    }

    private record Analysis(MigrationPlan plan, PlanReport report) {
    }

    private record Resolved(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance sourceModel,
                            BpmnModelInstance targetModel, List<MigrationRequest.Mapping> mappings) {
    }

    private Analysis analyse(MigrationRequest request, Locale locale) {
        Resolved resolved = resolve(request);
        List<String> planFailures = new ArrayList<>();
        MigrationPlan plan = buildPlan(resolved, planFailures, locale);
        Set<String> manualSources = new HashSet<>();
        resolved.mappings().forEach(m -> manualSources.add(m.from()));
        List<Instruction> instructions = plan.getInstructions().stream()
                .map(i -> new Instruction(i.getSourceActivityId(), name(resolved.sourceModel(), i.getSourceActivityId()),
                        i.getTargetActivityId(), name(resolved.targetModel(), i.getTargetActivityId()),
                        manualSources.contains(i.getSourceActivityId())))
                .sorted(Comparator.comparing(Instruction::from)).toList();
        boolean valid = planFailures.isEmpty();
        Set<String> mappedSources = new HashSet<>();
        plan.getInstructions().forEach(i -> mappedSources.add(i.getSourceActivityId()));

        List<InstanceReport> cases = new ArrayList<>();
        for (ProcessInstance instance : runtimeService.createProcessInstanceQuery()
                .processDefinitionId(resolved.source().getId()).orderByProcessInstanceId().asc().list()) {
            ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
            if (tree == null) {
                continue; // ended meanwhile
            }
            List<String> activities = new ArrayList<>(new LinkedHashSet<>(leaves(tree, new ArrayList<>())));
            // an activity without instruction is the common reason; only the others need the engine's dry run
            List<String> unmapped = scopesAndActivities(tree, new LinkedHashSet<>()).stream()
                    .filter(activity -> !mappedSources.contains(activity)).toList();
            List<String> reasons = !valid ? List.of(message("migration.reason.planInvalid", locale))
                    : !unmapped.isEmpty() ? unmapped.stream().map(activity -> message("migration.reason.unmapped",
                    locale, activity, name(resolved.sourceModel(), activity))).toList()
                    : dryRun(plan, instance.getId(), resolved.sourceModel(), locale);
            cases.add(new InstanceReport(instance.getId(), instance.getBusinessKey(), activities, reasons.isEmpty(),
                    reasons));
        }

        Map<String, int[]> counts = new LinkedHashMap<>();
        for (InstanceReport c : cases) {
            for (String activity : c.activities()) {
                int[] count = counts.computeIfAbsent(activity, a -> new int[3]);
                count[0]++;
                count[c.migratable() ? 1 : 2]++;
            }
        }
        Map<String, String> targets = new LinkedHashMap<>();
        plan.getInstructions().forEach(i -> targets.put(i.getSourceActivityId(), i.getTargetActivityId()));
        List<ActivitySummary> summaries = new ArrayList<>();
        counts.forEach((activity, count) -> summaries.add(new ActivitySummary(activity,
                name(resolved.sourceModel(), activity), targets.get(activity),
                targets.containsKey(activity) ? name(resolved.targetModel(), targets.get(activity)) : null,
                count[0], count[1], count[2])));
        summaries.sort(Comparator.comparing(ActivitySummary::activityId));

        int migratable = (int) cases.stream().filter(InstanceReport::migratable).count();
        PlanReport report = new PlanReport(request.processKey(), info(resolved.source()), info(resolved.target()),
                properties.autoMigrates(request.processKey()), valid, planFailures, instructions, cases.size(),
                migratable, cases.size() - migratable, summaries, cases);
        return new Analysis(plan, report);
    }

    private Resolved resolve(MigrationRequest request) {
        if (request == null || request.processKey() == null || request.processKey().isBlank()) {
            throw new MigrationRequestException("migration.request.key");
        }
        if (request.sourceVersion() == null || request.targetVersion() == null || request.sourceVersion() < 1
                || request.targetVersion() < 1) {
            throw new MigrationRequestException("migration.request.versions");
        }
        if (request.sourceVersion().equals(request.targetVersion())) {
            throw new MigrationRequestException("migration.request.sameVersion");
        }
        ProcessDefinition source = definition(request.processKey(), request.sourceVersion());
        ProcessDefinition target = definition(request.processKey(), request.targetVersion());
        BpmnModelInstance sourceModel = repositoryService.getBpmnModelInstance(source.getId());
        BpmnModelInstance targetModel = repositoryService.getBpmnModelInstance(target.getId());
        Set<String> mappedSources = new HashSet<>();
        for (MigrationRequest.Mapping mapping : request.mappingsOrEmpty()) {
            if (mapping == null || mapping.from() == null || mapping.from().isBlank() || mapping.to() == null
                    || mapping.to().isBlank()) {
                throw new MigrationRequestException("migration.mapping.incomplete");
            }
            if (!mappedSources.add(mapping.from())) {
                throw new MigrationRequestException("migration.mapping.duplicate", mapping.from());
            }
            if (!(sourceModel.getModelElementById(mapping.from()) instanceof FlowNode)) {
                throw new MigrationRequestException("migration.mapping.unknownSource", mapping.from(),
                        source.getVersion());
            }
            if (!(targetModel.getModelElementById(mapping.to()) instanceof FlowNode)) {
                throw new MigrationRequestException("migration.mapping.unknownTarget", mapping.to(),
                        target.getVersion());
            }
        }
        return new Resolved(source, target, sourceModel, targetModel, request.mappingsOrEmpty());
    }

    private ProcessDefinition definition(String key, int version) {
        List<ProcessDefinition> found = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).list();
        return found.stream().filter(d -> d.getTenantId() == null).findFirst()
                .or(() -> found.stream().findFirst())
                .orElseThrow(() -> new MigrationRequestException("migration.definitionNotFound", key, version));
    }

    /**
     * Equal activities first (as the engine generates them), then the manager's mappings, which replace a generated
     * instruction for the same source activity. An invalid plan is returned with its failures in Hungarian.
     */
    private MigrationPlan buildPlan(Resolved resolved, List<String> failures, Locale locale) {
        String sourceId = resolved.source().getId();
        String targetId = resolved.target().getId();
        List<MigrationInstruction> equal;
        try {
            equal = runtimeService.createMigrationPlan(sourceId, targetId).mapEqualActivities().build()
                    .getInstructions();
        } catch (MigrationPlanValidationException e) {
            equal = e.getValidationReport().getMigrationPlan().getInstructions();
        }
        Set<String> manualSources = new HashSet<>();
        resolved.mappings().forEach(m -> manualSources.add(m.from()));
        MigrationPlanBuilder builder = runtimeService.createMigrationPlan(sourceId, targetId);
        for (MigrationInstruction instruction : equal) {
            if (!manualSources.contains(instruction.getSourceActivityId())) {
                var mapped = builder.mapActivities(instruction.getSourceActivityId(),
                        instruction.getTargetActivityId());
                builder = instruction.isUpdateEventTrigger() ? mapped.updateEventTrigger() : mapped;
            }
        }
        for (MigrationRequest.Mapping mapping : resolved.mappings()) {
            builder = builder.mapActivities(mapping.from(), mapping.to());
        }
        try {
            return builder.build();
        } catch (MigrationPlanValidationException e) {
            for (MigrationInstructionValidationReport report : e.getValidationReport().getInstructionReports()) {
                MigrationInstruction instruction = report.getMigrationInstruction();
                for (String failure : report.getFailures()) {
                    failures.add(message("migration.plan.invalidInstruction", locale,
                            instruction.getSourceActivityId(), instruction.getTargetActivityId(), failure));
                }
            }
            e.getValidationReport().getVariableReports().forEach((name, report) -> report.getFailures()
                    .forEach(failure -> failures.add(message("migration.plan.invalidVariable", locale, name,
                            failure))));
            if (failures.isEmpty()) {
                failures.add(message("migration.plan.invalid", locale, e.getMessage()));
            }
            return e.getValidationReport().getMigrationPlan();
        }
    }

    /** Migrates one case inside a transaction that is always rolled back: no failures means it would move. */
    private List<String> dryRun(MigrationPlan plan, String processInstanceId, BpmnModelInstance sourceModel,
                                Locale locale) {
        try {
            transactions.executeWithoutResult(status -> {
                status.setRollbackOnly();
                runtimeService.newMigration(plan).processInstanceIds(processInstanceId).execute();
            });
            return List.of();
        } catch (MigratingProcessInstanceValidationException e) {
            return reasons(e.getValidationReport(), sourceModel, locale);
        } catch (ProcessEngineException e) {
            return List.of(message("migration.reason.instance", locale, e.getMessage()));
        }
    }

    private List<String> reasons(MigratingProcessInstanceValidationReport report, BpmnModelInstance model,
                                 Locale locale) {
        List<String> reasons = new ArrayList<>();
        report.getActivityInstanceReports().forEach(a -> a.getFailures()
                .forEach(f -> reasons.add(activityReason(a.getSourceScopeId(), f, model, locale))));
        report.getTransitionInstanceReports().forEach(t -> t.getFailures()
                .forEach(f -> reasons.add(activityReason(t.getSourceScopeId(), f, model, locale))));
        report.getFailures().forEach(f -> reasons.add(message("migration.reason.instance", locale, f)));
        return reasons.stream().distinct().toList();
    }

    private String activityReason(String activityId, String failure, BpmnModelInstance model, Locale locale) {
        String name = name(model, activityId);
        return failure.contains(NO_INSTRUCTION)
                ? message("migration.reason.unmapped", locale, activityId, name)
                : message("migration.reason.activity", locale, activityId, name, failure);
    }

    /** The activities a case waits at: the leaves of its activity instance tree. */
    private static List<String> leaves(ActivityInstance node, List<String> out) {
        if (node.getChildActivityInstances().length == 0 && node.getChildTransitionInstances().length == 0) {
            out.add(node.getActivityId());
            return out;
        }
        for (ActivityInstance child : node.getChildActivityInstances()) {
            leaves(child, out);
        }
        for (TransitionInstance transition : node.getChildTransitionInstances()) {
            out.add(transition.getActivityId());
        }
        return out;
    }

    /** Every activity a case is in, scopes included (a multi-instance body counts as its activity). */
    private static Set<String> scopesAndActivities(ActivityInstance node, Set<String> out) {
        for (ActivityInstance child : node.getChildActivityInstances()) {
            out.add(withoutMultiInstanceBody(child.getActivityId()));
            scopesAndActivities(child, out);
        }
        for (TransitionInstance transition : node.getChildTransitionInstances()) {
            out.add(withoutMultiInstanceBody(transition.getActivityId()));
        }
        return out;
    }

    private static String withoutMultiInstanceBody(String activityId) {
        return activityId.endsWith(MULTI_INSTANCE_BODY)
                ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length()) : activityId;
    }

    // ---- afterwards ----------------------------------------------------------------------------------------------

    /** Progress of a migration batch and, case by case, what moved. */
    public RunReport report(String batchId) {
        MigrationRuns.Run run = runs.find(batchId)
                .orElseThrow(() -> new MigrationRequestException("migration.batchNotFound", batchId));
        BatchStatistics statistics = managementService.createBatchStatisticsQuery().batchId(batchId).singleResult();
        int total;
        int completed;
        int failedJobs;
        int remaining;
        List<String> jobFailures = new ArrayList<>();
        if (statistics != null) {
            total = statistics.getTotalJobs();
            completed = statistics.getCompletedJobs();
            failedJobs = statistics.getFailedJobs();
            remaining = statistics.getRemainingJobs();
            if (failedJobs > 0) {
                for (Job job : managementService.createJobQuery().jobDefinitionId(statistics.getBatchJobDefinitionId())
                        .withException().list()) {
                    jobFailures.add(job.getExceptionMessage());
                }
            }
        } else {
            HistoricBatch historic = historyService.createHistoricBatchQuery().batchId(batchId).singleResult();
            total = historic == null ? run.planned() : historic.getTotalJobs();
            completed = total;
            failedJobs = 0;
            remaining = 0;
        }
        // the batch is done when it is gone, or stuck when all that remains has failed
        boolean finished = statistics == null
                || (statistics.getJobsCreated() == statistics.getTotalJobs() && remaining == failedJobs);

        List<InstanceOutcome> outcomes = new ArrayList<>();
        int moved = 0;
        int pending = 0;
        int failed = 0;
        int leftBehind = 0;
        for (MigrationRuns.RunInstance instance : runs.instances(batchId)) {
            String status;
            if (!instance.planned()) {
                status = "left-behind";
                leftBehind++;
            } else if (run.targetDefinitionId().equals(currentDefinition(instance.processInstanceId()))) {
                status = "moved";
                moved++;
            } else if (finished) {
                status = "failed";
                failed++;
            } else {
                status = "pending";
                pending++;
            }
            outcomes.add(new InstanceOutcome(instance.processInstanceId(), instance.businessKey(),
                    instance.activities(), status, instance.reason()));
        }
        return new RunReport(run, total, completed, failedJobs, remaining, finished, moved, pending, failed,
                leftBehind, jobFailures, outcomes);
    }

    private String currentDefinition(String processInstanceId) {
        ProcessInstance running = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        if (running != null) {
            return running.getProcessDefinitionId();
        }
        HistoricProcessInstance historic = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return historic == null ? null : historic.getProcessDefinitionId();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static DefinitionInfo info(ProcessDefinition definition) {
        return new DefinitionInfo(definition.getId(), definition.getVersion(), definition.getName());
    }

    private static String name(BpmnModelInstance model, String activityId) {
        if (activityId == null) {
            return null;
        }
        return model.getModelElementById(withoutMultiInstanceBody(activityId)) instanceof FlowElement element && element.getName() != null
                ? element.getName() : activityId;
    }

    String message(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, code, locale);
    }
}
