package hu.miskolc.fourim.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import hu.miskolc.fourim.journey.ServicePackage;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.NativeTaskQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What is late now, each with a link: follow-ups past their due date and referrals waiting longer than N days (open
 * tasks in the engine, linked to Tasklist), and council items not yet decided (linked to Cockpit). Counts are exact;
 * at most {@link #LIMIT} items of each kind are listed, oldest first. With a service package: the referrals its
 * working group has to decide, and the follow-ups and council items of participants referred to the package.
 */
@Component
class LateItems {

    static final int LIMIT = 50;
    static final List<String> REFERRAL_TASKS = List.of("Task_AcceptReferral", "Task_AcceptCouncilReferral");

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;

    LateItems(TaskService tasks, RuntimeService runtime, JdbcTemplate jdbc) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    Map<String, Object> now(String district, String servicePackage, int waitingDays) {
        Date now = new Date();
        TaskQuery referrals = tasks.createTaskQuery().processDefinitionKey("participant-journey")
                .taskDefinitionKeyIn(REFERRAL_TASKS.toArray(String[]::new))
                .taskCreatedBefore(Date.from(Instant.now().minus(Duration.ofDays(waitingDays))));
        if (district != null) {
            referrals.tenantIdIn(district);
        }
        if (servicePackage != null) {
            // a referral task goes to its package's working group (wg-<package>), also once claimed
            referrals.taskCandidateGroup(ServicePackage.fromCode(servicePackage).workingGroup()).includeAssignedTasks();
        }
        Map<String, Object> late = new LinkedHashMap<>();
        late.put("overdueFollowUps", servicePackage == null ? overdueFollowUps(district, now)
                : overdueFollowUps(district, servicePackage, now));
        Map<String, Object> waiting = taskList(referrals.count(), referrals.orderByTaskCreateTime().asc()
                .listPage(0, LIMIT));
        waiting.put("days", waitingDays);
        late.put("waitingReferrals", waiting);

        String where = district == null ? "" : " and district_code = ?";
        List<Object> argList = new ArrayList<>();
        if (district != null) {
            argList.add(district);
        }
        if (servicePackage != null) {
            where += " and case_ref in (select p.case_ref from participant p where exists (select 1 from referral r "
                    + "where r.participant_id = p.id and r.package = ?))";
            argList.add(servicePackage);
        }
        Object[] args = argList.toArray();
        Map<String, Object> council = new LinkedHashMap<>();
        council.put("count", jdbc.queryForObject("select count(*) from council_item where status <> 'decided'" + where,
                Long.class, args));
        council.put("items", jdbc.queryForList("select reference, kind, district_code, case_ref, title, status, "
                        + "created_at, process_instance_id from council_item where status <> 'decided'" + where
                        + " order by created_at limit " + LIMIT, args).stream().map(row -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("reference", row.get("reference"));
                    item.put("kind", row.get("kind"));
                    item.put("district", row.get("district_code"));
                    item.put("caseRef", row.get("case_ref"));
                    item.put("title", row.get("title"));
                    item.put("status", row.get("status"));
                    item.put("since", String.valueOf(row.get("created_at")));
                    Object instance = row.get("process_instance_id");
                    item.put("link", instance == null ? null
                            : "/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime");
                    return item;
                }).toList());
        late.put("openCouncilItems", council);
        return late;
    }

    private Map<String, Object> overdueFollowUps(String district, Date now) {
        TaskQuery followUps = tasks.createTaskQuery().processDefinitionKey("participant-journey")
                .taskDefinitionKey("Task_FollowUp").dueBefore(now);
        if (district != null) {
            followUps.tenantIdIn(district);
        }
        return taskList(followUps.count(), followUps.orderByDueDate().asc().listPage(0, LIMIT));
    }

    /**
     * Overdue follow-ups of participants referred to the package: the journey's business key is the participant's
     * case reference, so a native task query joins the engine's tasks to our referrals.
     */
    private Map<String, Object> overdueFollowUps(String district, String servicePackage, Date now) {
        String from = " from ACT_RU_TASK T join ACT_RE_PROCDEF D on D.ID_ = T.PROC_DEF_ID_"
                + " join ACT_RU_EXECUTION E on E.ID_ = T.PROC_INST_ID_"
                + " join participant P on P.case_ref = E.BUSINESS_KEY_"
                + " where D.KEY_ = 'participant-journey' and T.TASK_DEF_KEY_ = 'Task_FollowUp' and T.DUE_DATE_ < #{now}"
                + " and exists (select 1 from referral R where R.participant_id = P.id and R.package = #{package})"
                + (district == null ? "" : " and T.TENANT_ID_ = #{district}");
        NativeTaskQuery count = tasks.createNativeTaskQuery().sql("select count(*)" + from)
                .parameter("now", now).parameter("package", servicePackage);
        NativeTaskQuery page = tasks.createNativeTaskQuery().sql("select T.*" + from + " order by T.DUE_DATE_, T.ID_")
                .parameter("now", now).parameter("package", servicePackage);
        if (district != null) {
            count.parameter("district", district);
            page.parameter("district", district);
        }
        return taskList(count.count(), page.listPage(0, LIMIT));
    }

    private Map<String, Object> taskList(long count, List<Task> page) {
        Set<String> instanceIds = page.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> businessKeys = instanceIds.isEmpty() ? Map.of()
                : runtime.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
                        .filter(p -> p.getBusinessKey() != null)
                        .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", count);
        result.put("items", page.stream().map(task -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("caseRef", businessKeys.get(task.getProcessInstanceId()));
            item.put("district", task.getTenantId());
            item.put("task", task.getName());
            item.put("created", task.getCreateTime() == null ? null : task.getCreateTime().toInstant().toString());
            item.put("due", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
            item.put("link", "/camunda/app/tasklist/default/#/?task=" + task.getId());
            return item;
        }).toList());
        return result;
    }
}
