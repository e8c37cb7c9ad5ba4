package hu.miskolc.fourim.notification;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Per-user notification choices; a user without a row gets the defaults (digest on). */
@Component
public class NotificationPreferences {

    private final JdbcTemplate jdbc;

    NotificationPreferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean digestEnabled(String userId) {
        List<Boolean> values = jdbc.queryForList(
                "select digest_enabled from notification_preference where user_id = ?", Boolean.class, userId);
        return values.isEmpty() || Boolean.TRUE.equals(values.get(0));
    }

    public void setDigestEnabled(String userId, boolean enabled) {
        jdbc.update("""
                insert into notification_preference (user_id, digest_enabled, updated_at) values (?, ?, now())
                on conflict (user_id) do update set digest_enabled = excluded.digest_enabled, updated_at = now()""",
                userId, enabled);
    }
}
