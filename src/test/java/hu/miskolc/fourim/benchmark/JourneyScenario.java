package hu.miskolc.fourim.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import hu.miskolc.fourim.journey.TestJourneys;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Scenario 1: participants driven through the journey with the Java API by concurrent workers, each step as the
 * demo user whose role does it (so our configuration pays for its authorization checks): the coordinator plans the
 * household's survey, the field assistant visits, fills it and records the member, who agrees to be contacted; the journey starts; a coach
 * records consent, the employment adviser assesses (ready for work), the working group accepts the referral.
 */
final class JourneyScenario {

    static final String DISTRICT = "tetemvar";

    private final ProcessEngine engine;
    private final Map<String, Login> logins = new HashMap<>();
    final Latency completion = new Latency();
    final Latency participant = new Latency();
    private final AtomicLong completions = new AtomicLong();

    record Login(String user, List<String> groups, List<String> tenants) {
    }

    JourneyScenario(ProcessEngine engine) {
        this.engine = engine;
        for (String user : List.of("coordinator", "field", "coach", "adviser", "employment", "education", "living", "opendoor",
                "motivation")) {
            IdentityService identity = engine.getIdentityService();
            List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
            List<String> tenants = identity.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
                    .stream().map(Tenant::getId).toList();
            logins.put(user, new Login(user, groups, tenants));
        }
    }

    /** Drives {@code participants} journeys with {@code workers} threads; returns the figures. */
    Map<String, Object> run(int participants, int workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                while (next.getAndIncrement() < participants) {
                    long begin = System.nanoTime();
                    drive();
                    participant.record(System.nanoTime() - begin);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("participants", participants);
        figures.put("workers", workers);
        figures.put("seconds", Latency.round(seconds));
        figures.put("participantsPerSecond", Latency.round(participants / seconds));
        // two process instances (household survey + participant journey) per participant
        figures.put("instancesPerSecond", Latency.round(2 * participants / seconds));
        figures.put("taskCompletions", completions.get());
        figures.put("taskCompletionsPerSecond", Latency.round(completions.get() / seconds));
        figures.put("taskCompletionLatency", completion.summary());
        figures.put("participantLatency", participant.summary());
        return figures;
    }

    private void drive() throws Exception {
        String address = "Mérőutca " + UUID.randomUUID();
        ProcessInstance survey = as("coordinator", () -> engine.getRuntimeService().startProcessInstanceByKey(
                "household-survey", Map.of("districtCode", DISTRICT, "address", address)));
        // the harness's own bookkeeping (no user's action, so no login): the survey ends with the last member, so
        // its case reference is read first
        String caseRef = (String) engine.getRuntimeService().getVariable(survey.getId(), "caseRef");
        complete("field", survey.getId(), "Task_VisitHousehold", Map.of("visitOutcome", "surveyed"));
        complete("field", survey.getId(), "Task_FillSurvey", Map.of("tenure", "rented-municipal",
                "utilities", "partial", "rooms", 2, "householdIncome", 95000, "hasDebts", false));
        Map<String, Object> member = new HashMap<>();
        member.put("firstName", "Mérő");
        member.put("birthYear", 1984);
        member.put("relation", "head");
        member.put("schooling", "primary");
        member.put("employmentStatus", "unemployed");
        member.put("workCapacity", "full");
        member.put("healthLimits", false);
        member.put("incomeSources", Variables.objectValue(List.of("family-allowance"))
                .serializationDataFormat("application/json").create());
        member.put("hasAddressCard", true);
        member.put("hasTajCard", true);
        member.put("agreesToContact", true);
        member.put("moreMembers", false);
        complete("field", survey.getId(), "Task_RecordMember", member);

        ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("participant-journey").processInstanceBusinessKey(caseRef + "-1").singleResult();
        if (journey == null) {
            throw new IllegalStateException("The survey " + caseRef + " started no journey");
        }
        complete("coach", journey.getId(), "Task_IntakeConsent", Map.of("consentDecision", "given"));
        complete("adviser", journey.getId(), "Task_NeedsAssessment",
                TestJourneys.assessment(Map.of("readyForWork", true)));

        List<Task> referrals = as("employment", () -> engine.getTaskService().createTaskQuery()
                .processInstanceId(journey.getId()).taskDefinitionKey("Task_AcceptReferral").list());
        if (referrals.isEmpty()) {
            throw new IllegalStateException("The assessment of " + caseRef + " made no referral");
        }
        for (Task referral : referrals) {
            String group = engine.getTaskService().getIdentityLinksForTask(referral.getId()).stream()
                    .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
            String user = logins.values().stream().filter(l -> l.groups().contains(group)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no demo user in " + group)).user();
            timedComplete(user, referral.getId(), Map.of("referralDecision", "accept"));
        }
    }

    private void complete(String user, String processInstanceId, String taskKey, Map<String, Object> variables)
            throws Exception {
        TaskService tasks = engine.getTaskService();
        Task task = as(user, () -> tasks.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskKey).singleResult());
        if (task == null) {
            throw new IllegalStateException(user + " sees no task " + taskKey + " in " + processInstanceId);
        }
        timedComplete(user, task.getId(), variables);
    }

    private void timedComplete(String user, String taskId, Map<String, Object> variables) throws Exception {
        as(user, () -> completion.time(() -> {
            engine.getTaskService().complete(taskId, variables);
            return null;
        }));
        completions.incrementAndGet();
    }

    private <T> T as(String user, java.util.concurrent.Callable<T> call) throws Exception {
        Login login = logins.get(user);
        engine.getIdentityService().setAuthentication(login.user(), login.groups(), login.tenants());
        try {
            return call.call();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
