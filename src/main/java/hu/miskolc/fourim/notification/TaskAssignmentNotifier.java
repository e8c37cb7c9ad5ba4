package hu.miskolc.fourim.notification;

import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues the "task assigned to you" mail from the engine's task events ({@code camunda.bpm.eventing.task}): the
 * listener runs inside the engine command that assigns the task, so the mail is queued in the same transaction.
 * Nobody is told about a task they claimed themselves. Key: {@code assign:<taskId>:<assignee>}.
 *
 * <p>Case reference and first name come from the process variables {@code caseRef} (else the business key) and
 * {@code firstName}, when the process has them.
 */
@Component
class TaskAssignmentNotifier {

    static final String CASE_REF_VARIABLE = "caseRef";
    static final String FIRST_NAME_VARIABLE = ParticipantJourneyProcess.FIRST_NAME;
    private static final Logger log = LoggerFactory.getLogger(TaskAssignmentNotifier.class);

    private final NotificationService notifications;
    private final EngineDirectory directory;

    TaskAssignmentNotifier(NotificationService notifications, EngineDirectory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    @EventListener
    void onTaskEvent(DelegateTask task) {
        if (!TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) || task.getAssignee() == null) {
            return;
        }
        String assignee = task.getAssignee();
        if (assignee.equals(directory.currentUserId())) {
            return; // claimed it themselves
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("taskId", task.getId());
        params.put("taskName", task.getName());
        params.put("caseRef", caseRef(task));
        params.put("firstName", text(task.getVariable(FIRST_NAME_VARIABLE)));
        params.put("dueDate", task.getDueDate());
        try {
            notifications.notifyUser(assignee, MailTemplate.TASK_ASSIGNED.id(), params,
                    "assign:" + task.getId() + ":" + assignee);
        } catch (IllegalArgumentException e) {
            // a mail must never stop the assignment itself
            log.error("Assignment mail for task {} not queued: {}", task.getId(), e.getMessage());
        }
    }

    private static String caseRef(DelegateTask task) {
        String caseRef = text(task.getVariable(CASE_REF_VARIABLE));
        if (caseRef != null) {
            return caseRef;
        }
        DelegateExecution execution = task.getExecution();
        return execution == null ? null : execution.getProcessBusinessKey();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
