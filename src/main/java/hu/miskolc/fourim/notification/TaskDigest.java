package hu.miskolc.fourim.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The digest of new unassigned tasks: once per {@code fourim.notifications.digest-interval} (default hourly) every
 * user gets ONE mail listing the unassigned tasks of their candidate groups created since their last digest.
 *
 * <p>Periods are aligned to the interval ({@code floor(now / interval)}); a run covers, per user, the tasks created
 * from where that user's last digest stopped ({@code notification_digest_state}) up to the start of the current
 * period. Each user is handled in one transaction that locks their state row, and the mail's key is
 * {@code digest:<userId>:<periodEnd>}, so a repeated run or a second server node adds nothing. A user who turned
 * the digest off is skipped, but their state still moves on (no backlog when they turn it on again).
 */
@Component
public class TaskDigest {

    private static final Logger log = LoggerFactory.getLogger(TaskDigest.class);
    static final int MAX_TASKS = 100;

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final EngineDirectory directory;
    private final NotificationService notifications;
    private final NotificationPreferences preferences;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration interval;
    private volatile Instant lastPeriod;

    TaskDigest(TaskService taskService, RuntimeService runtimeService, EngineDirectory directory,
               NotificationService notifications, NotificationPreferences preferences, JdbcTemplate jdbc,
               TransactionTemplate transactions, NotificationProperties properties) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.directory = directory;
        this.notifications = notifications;
        this.preferences = preferences;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.interval = properties.digestInterval();
    }

    /** Runs the digest if a new period has begun since the last run on this node. */
    public int runIfDue(Instant now) {
        Instant period = periodStart(now);
        if (period.equals(lastPeriod)) {
            return 0;
        }
        int queued = run(now);
        lastPeriod = period;
        return queued;
    }

    /** Queues the digests of the period that ended last before {@code now}; returns how many mails were queued. */
    public int run(Instant now) {
        Instant until = periodStart(now);
        int queued = 0;
        for (User user : directory.allUsers()) {
            try {
                Integer one = transactions.execute(status -> digestFor(user.getId(), until));
                queued += one == null ? 0 : one;
            } catch (RuntimeException e) {
                // the others still get theirs; this user's period is tried again on the next run
                log.warn("Task digest for one user failed: {}", e.getClass().getSimpleName());
                log.debug("Task digest failure", e);
            }
        }
        if (queued > 0) {
            log.info("Task digest up to {}: {} mail(s) queued", until, queued);
        }
        return queued;
    }

    Instant periodStart(Instant now) {
        long millis = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis);
    }

    private int digestFor(String userId, Instant until) {
        jdbc.update("insert into notification_digest_state (user_id, covered_until) values (?, ?) "
                + "on conflict (user_id) do nothing", userId, Timestamp.from(until.minus(interval)));
        Instant since = jdbc.queryForObject(
                "select covered_until from notification_digest_state where user_id = ? for update",
                Timestamp.class, userId).toInstant();
        if (!since.isBefore(until)) {
            return 0;
        }
        jdbc.update("update notification_digest_state set covered_until = ? where user_id = ?",
                Timestamp.from(until), userId);
        if (!preferences.digestEnabled(userId)) {
            return 0;
        }
        // [since, until): the engine's bounds are exclusive, create times have millisecond precision
        List<Task> tasks = taskService.createTaskQuery()
                .taskCandidateUser(userId)
                .taskUnassigned()
                .taskCreatedAfter(Date.from(since.minusMillis(1)))
                .taskCreatedBefore(Date.from(until))
                .orderByTaskCreateTime().asc()
                .listPage(0, MAX_TASKS);
        if (tasks.isEmpty()) {
            return 0;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tasks", entries(tasks));
        params.put("periodStart", since);
        params.put("periodEnd", until);
        return notifications.notifyUser(userId, MailTemplate.TASK_DIGEST.id(), params,
                "digest:" + userId + ":" + until) ? 1 : 0;
    }

    private List<Map<String, Object>> entries(List<Task> tasks) {
        Set<String> instanceIds = tasks.stream().map(Task::getProcessInstanceId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<String, String> caseRefs = new HashMap<>();
        Map<String, String> firstNames = new HashMap<>();
        if (!instanceIds.isEmpty()) {
            String[] ids = instanceIds.toArray(String[]::new);
            for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processInstanceIds(instanceIds)
                    .list()) {
                if (instance.getBusinessKey() != null) {
                    caseRefs.put(instance.getId(), instance.getBusinessKey());
                }
            }
            for (VariableInstance variable : runtimeService.createVariableInstanceQuery().processInstanceIdIn(ids)
                    .variableNameIn(TaskAssignmentNotifier.CASE_REF_VARIABLE,
                            TaskAssignmentNotifier.FIRST_NAME_VARIABLE)
                    .disableBinaryFetching().disableCustomObjectDeserialization().list()) {
                if (variable.getValue() == null) {
                    continue;
                }
                Map<String, String> target = TaskAssignmentNotifier.CASE_REF_VARIABLE.equals(variable.getName())
                        ? caseRefs : firstNames;
                target.put(variable.getProcessInstanceId(), variable.getValue().toString());
            }
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Task task : tasks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("taskId", task.getId());
            entry.put("taskName", task.getName());
            entry.put("caseRef", caseRefs.get(task.getProcessInstanceId()));
            entry.put("firstName", firstNames.get(task.getProcessInstanceId()));
            entry.put("created", task.getCreateTime());
            entry.put("dueDate", task.getDueDate());
            entries.add(entry);
        }
        return entries;
    }
}
