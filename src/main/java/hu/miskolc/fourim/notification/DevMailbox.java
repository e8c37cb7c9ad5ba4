package hu.miskolc.fourim.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The built-in dev mailbox: where mail goes when no SMTP server is configured ({@code SPRING_MAIL_HOST} unset), so a
 * new user of the quick start sees what would have gone out. Keeps the newest {@value #KEEP} mails.
 */
@Component
public class DevMailbox {

    static final int KEEP = 500;

    private final JdbcTemplate jdbc;

    DevMailbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One mail as delivered. */
    public record Mail(long id, String messageId, String recipients, String subject, String textBody,
                       String htmlBody, Instant receivedAt) {
    }

    void store(String messageId, String recipients, String subject, String textBody, String htmlBody) {
        jdbc.update("insert into dev_mailbox (message_id, recipients, subject, text_body, html_body) "
                + "values (?, ?, ?, ?, ?)", messageId, recipients, subject, textBody, htmlBody);
        jdbc.update("delete from dev_mailbox where id <= (select max(id) from dev_mailbox) - ?", KEEP);
    }

    /** The newest mails first. */
    public List<Mail> latest(int limit) {
        return jdbc.query("select id, message_id, recipients, subject, text_body, html_body, received_at "
                        + "from dev_mailbox order by id desc limit ?",
                (rs, n) -> new Mail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                Math.max(1, Math.min(limit, KEEP)));
    }
}
