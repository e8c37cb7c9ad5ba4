package hu.miskolc.fourim.notification;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The mails the server sends. Each is three files under {@code templates/mail/}: {@code <id>.subject.txt},
 * {@code <id>.html} and {@code <id>.txt}, in Hungarian.
 *
 * <p>A mail says who is concerned only by case reference and first name and links to the task in Tasklist; the
 * parameters each template accepts are listed here and {@link NotificationService} refuses any other, so no
 * caller can put a participant's personal details into a mail by accident. List parameters ({@code tasks},
 * {@code items}) hold maps with the same keys.
 */
public enum MailTemplate {

    /** To a user a task was assigned to. */
    TASK_ASSIGNED("task-assigned", Set.of("taskId"), Set.of("taskName", "caseRef", "firstName", "dueDate")),
    /** One mail per person with the new unassigned tasks of their groups. */
    TASK_DIGEST("task-digest", Set.of("tasks"), Set.of("taskId", "taskName", "caseRef", "firstName", "created",
            "dueDate", "periodStart", "periodEnd")),
    /** To the responsible coach: a follow-up is due soon ({@code overdue=false}) or overdue. */
    FOLLOW_UP_REMINDER("follow-up-reminder", Set.of("caseRef"), Set.of("firstName", "taskId", "dueDate",
            "overdue")),
    /** To the coordinators: a follow-up is overdue despite the reminder. */
    FOLLOW_UP_ESCALATION("follow-up-escalation", Set.of("caseRef"), Set.of("firstName", "taskId", "dueDate",
            "coach")),
    /** To the coordinators: a working group has not accepted or returned a referral in time. */
    REFERRAL_OVERDUE("referral-overdue", Set.of("caseRef"), Set.of("firstName", "taskId", "dueDate",
            "workingGroup")),
    /** To the council members: the agenda of and invitation to a meeting. */
    COUNCIL_AGENDA("council-agenda", Set.of("meetingAt"), Set.of("meetingPlace", "taskId", "items", "caseRef",
            "firstName", "topic")),
    /** To the worker who escalated a case: the council's decision. */
    COUNCIL_DECISION("council-decision", Set.of("caseRef", "decision"), Set.of("firstName", "taskId"));

    private final String id;
    private final Set<String> required;
    private final Set<String> allowed;

    MailTemplate(String id, Set<String> required, Set<String> optional) {
        this.id = id;
        this.required = required;
        this.allowed = new java.util.HashSet<>(required);
        this.allowed.addAll(optional);
    }

    public String id() {
        return id;
    }

    Set<String> required() {
        return required;
    }

    /** Keys a parameter map (or a map inside a list parameter) of this template may have. */
    Set<String> allowed() {
        return allowed;
    }

    public static Optional<MailTemplate> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
