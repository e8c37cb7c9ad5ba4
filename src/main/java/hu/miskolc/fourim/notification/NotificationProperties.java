package hu.miskolc.fourim.notification;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the e-mail notifications ({@code fourim.notifications.*}).
 *
 * @param from           the From address of every mail
 * @param zone           time zone of dates shown in mails
 * @param digestInterval one digest of new unassigned tasks per person per interval
 * @param digestEnabled  run the digest on a schedule (tests call it directly)
 * @param sender         the outbox sender
 */
@ConfigurationProperties("fourim.notifications")
public record NotificationProperties(
        @DefaultValue("4IM értesítő <noreply@4im.local>") String from,
        @DefaultValue("Europe/Budapest") ZoneId zone,
        @DefaultValue("PT1H") Duration digestInterval,
        @DefaultValue("true") boolean digestEnabled,
        @DefaultValue Sender sender) {

    /**
     * @param enabled        drain the outbox on a schedule (tests call {@code drainOnce()} directly)
     * @param pollInterval   pause between two drains
     * @param batchSize      at most this many mails per drain
     * @param maxAttempts    a mail the SMTP server refused this many times is parked for an administrator
     * @param initialBackoff wait after the first refusal; doubles with every further one
     * @param maxBackoff     longest wait between two attempts
     * @param lease          how long a claimed row belongs to one sender; far longer than one SMTP conversation
     * @param retention      sent rows (and their dedupe keys) are deleted after this long
     */
    public record Sender(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT5S") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("PT1M") Duration initialBackoff,
            @DefaultValue("PT1H") Duration maxBackoff,
            @DefaultValue("PT5M") Duration lease,
            @DefaultValue("P90D") Duration retention) {
    }
}
