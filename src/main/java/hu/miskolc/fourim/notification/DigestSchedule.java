package hu.miskolc.fourim.notification;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every minute whether a new digest period has begun ({@code fourim.notifications.digest-interval}) and then
 * queues the digests. Off with {@code fourim.notifications.digest-enabled=false} (tests call {@link TaskDigest}).
 */
@Component
@ConditionalOnProperty(name = "fourim.notifications.digest-enabled", havingValue = "true", matchIfMissing = true)
class DigestSchedule {

    private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);

    private final TaskDigest digest;

    DigestSchedule(TaskDigest digest) {
        this.digest = digest;
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT1M")
    void tick() {
        try {
            digest.runIfDue(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Task digest failed: {}", e.getClass().getSimpleName());
            log.debug("Task digest failure", e);
        }
    }
}
