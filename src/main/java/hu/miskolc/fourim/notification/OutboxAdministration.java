package hu.miskolc.fourim.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What administrators see of the outbox: the parked mails with their errors, and putting one back in the queue. */
@Component
public class OutboxAdministration {

    private final JdbcTemplate jdbc;

    OutboxAdministration(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A mail the sender gave up on. */
    public record ParkedMail(long id, String template, String recipientUserId, String recipientEmail,
                             String subject, int attempts, String lastError, Instant createdAt) {
    }

    /**
     * The queue at a glance: mails waiting to be sent (during an SMTP outage they pile up here, with the error that
     * holds them up), parked mails, and sent ones still kept.
     */
    public record Status(long pending, long parked, long sent, Instant oldestPendingSince, String lastError) {
    }

    public Status status() {
        return jdbc.queryForObject("""
                select count(*) filter (where status = 'pending'),
                       count(*) filter (where status = 'parked'),
                       count(*) filter (where status = 'sent'),
                       min(created_at) filter (where status = 'pending'),
                       (select last_error from notification_outbox
                        where status = 'pending' and last_error is not null order by id desc limit 1)
                from notification_outbox""",
                (rs, n) -> new Status(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5)));
    }

    public List<ParkedMail> parked(int limit) {
        return jdbc.query("""
                select id, template, recipient_user_id, recipient_email, subject, attempts, last_error, created_at
                from notification_outbox where status = 'parked' order by created_at desc, id desc limit ?""",
                (rs, n) -> new ParkedMail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant()),
                Math.max(1, Math.min(limit, 1000)));
    }

    /** Puts a parked mail back in the queue with fresh attempts; false if there is no such parked mail. */
    public boolean retry(long id) {
        return jdbc.update("""
                update notification_outbox set status = 'pending', attempts = 0, next_attempt_at = now(),
                       claimed_by = null, claimed_until = null
                where id = ? and status = 'parked'""", id) == 1;
    }
}
