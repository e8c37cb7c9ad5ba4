package hu.miskolc.fourim.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drains the outbox every few seconds ({@code fourim.notifications.sender.poll-interval}) on every node. */
@Component
@ConditionalOnProperty(name = "fourim.notifications.sender.enabled", havingValue = "true", matchIfMissing = true)
class OutboxSchedule {

    private static final Logger log = LoggerFactory.getLogger(OutboxSchedule.class);

    private final OutboxSender sender;

    OutboxSchedule(OutboxSender sender) {
        this.sender = sender;
    }

    @Scheduled(initialDelayString = "PT10S", fixedDelayString = "${fourim.notifications.sender.poll-interval:PT5S}")
    void drain() {
        try {
            sender.drainOnce();
        } catch (RuntimeException e) {
            // e.g. the database is briefly unreachable: the next round tries again, nothing is lost
            log.warn("Draining the notification outbox failed: {}", e.getClass().getSimpleName());
            log.debug("Outbox drain failure", e);
        }
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT6H")
    void purge() {
        try {
            int deleted = sender.purgeSent();
            if (deleted > 0) {
                log.info("Deleted {} sent notification(s) past the retention period", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Purging sent notifications failed: {}", e.getClass().getSimpleName());
        }
    }
}
