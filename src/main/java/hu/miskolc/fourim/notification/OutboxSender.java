package hu.miskolc.fourim.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Drains the outbox: claims one due row at a time, sends it, marks it sent.
 *
 * <p>Claiming is one statement: {@code SELECT … FOR UPDATE SKIP LOCKED} picks a due row no other sender holds and
 * the same statement writes a lease ({@code claimed_by}, {@code claimed_until}) on it, so two senders (threads or
 * server nodes) never work on the same row at the same time; a lease that runs out (a sender that died) makes the
 * row due again. No database connection is held while talking to the SMTP server.
 *
 * <p>Failures: when the SMTP server cannot be reached (connection refused, timeout, authentication) the mail is
 * not at fault — the row goes back unchanged except for its error, and this sender pauses (doubling up to five
 * minutes), so an outage only delays mail. When the server refuses a mail, the row is retried with exponential
 * back-off and parked after {@code max-attempts} refusals, with its error kept for the administrators; a mail whose
 * template cannot be rendered is parked at once.
 *
 * <p>What is not guaranteed: exactly-once delivery toward SMTP is impossible in general. If the process dies
 * (or the database is unreachable) after the SMTP server accepted a mail and before the row is marked sent, the
 * mail is sent again once the lease has expired. Such a repeat carries the same {@code Message-ID} (derived from
 * the dedupe key), by which many mail systems drop the duplicate. The lease is far longer than the SMTP timeouts,
 * so a slow server does not cause a second sender to send the same row.
 */
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Duration MAX_TRANSPORT_PAUSE = Duration.ofMinutes(5);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JdbcTemplate jdbc;
    private final MailRenderer renderer;
    private final ObjectMapper json;
    private final JavaMailSender mailSender;
    private final NotificationProperties.Sender settings;
    private final String from;
    private final Clock clock;
    private final String nodeId;
    private Instant pausedUntil = Instant.MIN;
    private int transportFailures;

    public OutboxSender(JdbcTemplate jdbc, MailRenderer renderer, ObjectMapper json, JavaMailSender mailSender,
                        NotificationProperties properties, Clock clock, String nodeId) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.json = json;
        this.mailSender = mailSender;
        this.settings = properties.sender();
        this.from = properties.from();
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** What one drain did. */
    public record DrainResult(int sent, int failed, int parked, boolean smtpUnavailable) {
    }

    private enum Outcome { SENT, FAILED, PARKED, TRANSPORT_DOWN }

    /** Sends the due mails (at most {@code batch-size}); stops early when the SMTP server cannot be reached. */
    public synchronized DrainResult drainOnce() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return new DrainResult(0, 0, 0, true);
        }
        int sent = 0;
        int failed = 0;
        int parked = 0;
        for (int i = 0; i < settings.batchSize(); i++) {
            Row row = claim(clock.instant());
            if (row == null) {
                break;
            }
            switch (deliver(row)) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case PARKED -> parked++;
                case TRANSPORT_DOWN -> {
                    log.info("SMTP server unavailable; {} mail(s) sent in this round, the rest waits", sent);
                    return new DrainResult(sent, failed, parked, true);
                }
            }
        }
        if (sent + failed + parked > 0) {
            log.info("Outbox drained: {} sent, {} to retry, {} parked", sent, failed, parked);
        }
        return new DrainResult(sent, failed, parked, false);
    }

    /** Deletes sent rows (and with them their dedupe keys) older than the retention period. */
    public int purgeSent() {
        Instant before = clock.instant().minus(settings.retention());
        return jdbc.update("delete from notification_outbox where status = 'sent' and sent_at < ?",
                Timestamp.from(before));
    }

    private record Row(long id, String dedupeKey, String email, String template, String subject, String params,
                       int attempts) {
    }

    private Row claim(Instant now) {
        List<Row> rows = jdbc.query("""
                with next as (
                    select id from notification_outbox
                    where status = 'pending' and next_attempt_at <= ?
                      and (claimed_until is null or claimed_until < ?)
                    order by next_attempt_at, id
                    limit 1
                    for update skip locked)
                update notification_outbox o set claimed_by = ?, claimed_until = ?
                from next where o.id = next.id
                returning o.id, o.dedupe_key, o.recipient_email, o.template, o.subject, o.params::text, o.attempts""",
                (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7)),
                Timestamp.from(now), Timestamp.from(now), nodeId, Timestamp.from(now.plus(settings.lease())));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Outcome deliver(Row row) {
        MimeMessage message;
        try {
            message = build(row);
        } catch (RuntimeException | MessagingException e) {
            log.error("Notification #{} ({}) cannot be rendered; parked", row.id(), row.template(), e);
            park(row, "Rendering failed: " + describe(e));
            return Outcome.PARKED;
        }
        try {
            mailSender.send(message);
        } catch (MailException e) {
            if (isTransportFailure(e)) {
                release(row, describe(e));
                pause();
                return Outcome.TRANSPORT_DOWN;
            }
            return refused(row, e);
        }
        transportFailures = 0;
        jdbc.update("""
                update notification_outbox set status = 'sent', sent_at = ?, last_error = null,
                       claimed_by = null, claimed_until = null
                where id = ?""", Timestamp.from(clock.instant()), row.id());
        log.debug("Notification #{} ({}) sent", row.id(), row.template());
        return Outcome.SENT;
    }

    private MimeMessage build(Row row) throws MessagingException {
        MailTemplate template = MailTemplate.byId(row.template())
                .orElseThrow(() -> new IllegalStateException("Unknown mail template " + row.template()));
        Map<String, Object> params = readParams(row.params());
        MailRenderer.RenderedMail mail = renderer.render(template, params);
        MimeMessage message = new KeyedMimeMessage(SESSION, messageId(row.dedupeKey()));
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(new InternetAddress(from, true));
        helper.setTo(new InternetAddress(row.email(), true));
        helper.setSubject(row.subject());
        helper.setText(mail.text(), mail.html());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        return message;
    }

    private Map<String, Object> readParams(String params) {
        try {
            return json.readValue(params, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Stored parameters are not valid JSON", e);
        }
    }

    private Outcome refused(Row row, MailException e) {
        int attempts = row.attempts() + 1;
        String error = describe(e);
        if (attempts >= settings.maxAttempts()) {
            log.warn("Notification #{} ({}) refused {} times ({}); parked", row.id(), row.template(), attempts,
                    e.getClass().getSimpleName());
            jdbc.update("""
                    update notification_outbox set status = 'parked', attempts = ?, last_error = ?,
                           claimed_by = null, claimed_until = null
                    where id = ?""", attempts, error, row.id());
            return Outcome.PARKED;
        }
        Duration backoff = backoff(attempts);
        log.info("Notification #{} ({}) refused ({}); retry {} of {} in {}", row.id(), row.template(),
                e.getClass().getSimpleName(), attempts + 1, settings.maxAttempts(), backoff);
        jdbc.update("""
                update notification_outbox set attempts = ?, last_error = ?, next_attempt_at = ?,
                       claimed_by = null, claimed_until = null
                where id = ?""", attempts, error, Timestamp.from(clock.instant().plus(backoff)), row.id());
        return Outcome.FAILED;
    }

    private void park(Row row, String error) {
        jdbc.update("""
                update notification_outbox set status = 'parked', attempts = attempts + 1, last_error = ?,
                       claimed_by = null, claimed_until = null
                where id = ?""", truncate(error), row.id());
    }

    /** The SMTP server was not reached: the mail keeps its attempts and is due again at once. */
    private void release(Row row, String error) {
        jdbc.update("""
                update notification_outbox set last_error = ?, claimed_by = null, claimed_until = null
                where id = ?""", error, row.id());
    }

    private void pause() {
        transportFailures++;
        Duration pause = settings.initialBackoff().multipliedBy(1L << Math.min(transportFailures - 1, 20));
        if (pause.compareTo(MAX_TRANSPORT_PAUSE) > 0) {
            pause = MAX_TRANSPORT_PAUSE;
        }
        pausedUntil = clock.instant().plus(pause);
    }

    Duration backoff(int attempts) {
        Duration backoff = settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
    }

    /**
     * True when the SMTP server could not be reached or would not let us in, as opposed to refusing this mail:
     * a refusal of the recipient or message ({@link SendFailedException}, e.g. 550) counts against the mail,
     * a connection or I/O failure does not.
     */
    static boolean isTransportFailure(MailException e) {
        if (e instanceof MailAuthenticationException) {
            return true;
        }
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.push(e);
        boolean io = false;
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SendFailedException) {
                return false;
            }
            if (t instanceof IOException) {
                io = true;
            }
            if (t instanceof MailSendException send) {
                send.getFailedMessages().values().forEach(todo::push);
            }
            if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
                todo.push(messaging.getNextException());
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
        }
        return io;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (t instanceof MailSendException send) {
                send.getFailedMessages().values().forEach(cause -> text.append(" [").append(cause.getClass()
                        .getSimpleName()).append(": ").append(cause.getMessage()).append(']'));
            }
        }
        return truncate(text.toString());
    }

    private static String truncate(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    static String messageId(String dedupeKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".notification@4im.local>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message whose Message-ID is derived from its dedupe key, so a repeated send can be recognised. */
    static final class KeyedMimeMessage extends MimeMessage {
        private final String messageId;

        KeyedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
