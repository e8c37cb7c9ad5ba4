package hu.miskolc.fourim.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Queues e-mail notifications: the public API for every feature that tells people something by mail.
 *
 * <p>Call it from inside the engine step that causes the mail (a delegate, a task or execution listener): the row
 * is written with the engine's own transaction (Camunda and this service share Spring's DataSource transaction),
 * so a step that rolls back queues nothing and a committed step never loses its mail. The outbox sender delivers
 * it later, with retries.
 *
 * <p>{@code dedupeKey} names the event, e.g. {@code follow-up-due:<processInstanceId>:<dueDate>}. The stored key
 * always ends with the recipient's user id ({@code :<userId>} is appended unless it is already there), so the same
 * event is queued at most once per person, however often the step runs (a retried job, a second node).
 *
 * <p>Parameters: only what {@link MailTemplate} lists for the template — case reference, first name and task data
 * (a {@code taskId} becomes a link to Tasklist). Anything else is refused with {@link IllegalArgumentException}.
 * Dates ({@link Date}, {@code java.time}) are shown in Hungarian format.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    static final int MAX_VALUE_LENGTH = 500;
    static final int MAX_LIST_SIZE = 200;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy. MM. dd. HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy. MM. dd.");

    private final JdbcTemplate jdbc;
    private final EngineDirectory directory;
    private final MailRenderer renderer;
    private final ObjectMapper json;
    private final NotificationProperties properties;

    NotificationService(JdbcTemplate jdbc, EngineDirectory directory, MailRenderer renderer, ObjectMapper json,
                        NotificationProperties properties) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.renderer = renderer;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Queues one mail to one user (at their e-mail address in the engine's identity service).
     *
     * @return true if a mail was queued; false if this key was queued before, or the user is unknown or has no
     *         e-mail address
     */
    public boolean notifyUser(String userId, String template, Map<String, Object> params, String dedupeKey) {
        MailTemplate mailTemplate = template(template);
        Map<String, Object> values = normalize(mailTemplate, params);
        requireKey(dedupeKey);
        User user = directory.user(userId);
        return enqueue(user, mailTemplate, values, dedupeKey);
    }

    /**
     * Queues the mail to every member of a group, one per person (key {@code <dedupeKey>:<userId>}).
     *
     * @return how many mails were queued now
     */
    public int notifyGroup(String groupId, String template, Map<String, Object> params, String dedupeKey) {
        MailTemplate mailTemplate = template(template);
        Map<String, Object> values = normalize(mailTemplate, params);
        requireKey(dedupeKey);
        int queued = 0;
        for (User member : directory.members(groupId)) {
            if (enqueue(member, mailTemplate, values, dedupeKey)) {
                queued++;
            }
        }
        return queued;
    }

    private boolean enqueue(User user, MailTemplate template, Map<String, Object> params, String dedupeKey) {
        if (user == null || !StringUtils.hasText(user.getEmail())) {
            log.debug("No e-mail address for the recipient of a {} notification; skipped", template.id());
            return false;
        }
        String key = dedupeKey.endsWith(":" + user.getId()) ? dedupeKey : dedupeKey + ":" + user.getId();
        String subject;
        try {
            subject = renderer.subject(template, params);
        } catch (RuntimeException e) {
            // never fail the engine step over a mail: the sender parks it when the body cannot be rendered either
            log.error("Subject of mail template {} cannot be rendered", template.id(), e);
            subject = "4IM értesítés";
        }
        int inserted = jdbc.update("""
                insert into notification_outbox (dedupe_key, recipient_user_id, recipient_email, template, subject,
                                                 params)
                values (?, ?, ?, ?, ?, ?::jsonb)
                on conflict (dedupe_key) do nothing""",
                key, user.getId(), user.getEmail().trim(), template.id(), subject, toJson(params));
        log.debug("Notification {} {}", template.id(), inserted == 1 ? "queued" : "already queued");
        return inserted == 1;
    }

    private static MailTemplate template(String id) {
        return MailTemplate.byId(id).orElseThrow(() -> new IllegalArgumentException("Unknown mail template: " + id));
    }

    private static void requireKey(String dedupeKey) {
        if (!StringUtils.hasText(dedupeKey) || dedupeKey.length() > 400) {
            throw new IllegalArgumentException("A notification needs a dedupe key of at most 400 characters");
        }
    }

    /** Checks the keys against the template and turns every value into a string, number, boolean or list. */
    Map<String, Object> normalize(MailTemplate template, Map<String, Object> params) {
        Map<String, Object> source = params == null ? Map.of() : params;
        for (String required : template.required()) {
            if (source.get(required) == null) {
                throw new IllegalArgumentException("Mail template " + template.id() + " needs parameter " + required);
            }
        }
        return normalizeMap(template, source);
    }

    private Map<String, Object> normalizeMap(MailTemplate template, Map<?, ?> source) {
        Map<String, Object> result = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (!template.allowed().contains(name)) {
                throw new IllegalArgumentException("Parameter " + name + " is not allowed in mail template "
                        + template.id() + ": mails carry only " + template.allowed());
            }
            if (value != null) {
                result.put(name, normalizeValue(template, name, value));
            }
        });
        return result;
    }

    private Object normalizeValue(MailTemplate template, String name, Object value) {
        if (value instanceof String text) {
            return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) : text;
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof Date date) {
            return DATE_TIME.format(date.toInstant().atZone(properties.zone()));
        }
        if (value instanceof Instant instant) {
            return DATE_TIME.format(instant.atZone(properties.zone()));
        }
        if (value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            return DATE_TIME.format(ZonedDateTime.from((TemporalAccessor) value)
                    .withZoneSameInstant(properties.zone()));
        }
        if (value instanceof LocalDateTime dateTime) {
            return DATE_TIME.format(dateTime);
        }
        if (value instanceof LocalDate date) {
            return DATE.format(date);
        }
        if (value instanceof List<?> list && Set.of("tasks", "items").contains(name)) {
            if (list.size() > MAX_LIST_SIZE) {
                list = list.subList(0, MAX_LIST_SIZE);
            }
            List<Object> result = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("Parameter " + name + " must be a list of maps");
                }
                result.add(normalizeMap(template, map));
            }
            return result;
        }
        throw new IllegalArgumentException("Parameter " + name + " of mail template " + template.id()
                + " has an unsupported type " + value.getClass().getSimpleName());
    }

    private String toJson(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Notification parameters cannot be stored", e);
        }
    }
}
