package hu.miskolc.fourim.notification;

import java.util.List;

import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications}: a user's own preferences (any known user, HTTP Basic) and the parked mails
 * (administrators). Authentication is done by {@link GroupBasicAuthFilter}s, see NotificationWebConfiguration.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationPreferences preferences;
    private final OutboxAdministration administration;

    NotificationController(NotificationPreferences preferences, OutboxAdministration administration) {
        this.preferences = preferences;
        this.administration = administration;
    }

    record Preferences(String userId, boolean digestEnabled) {
    }

    record PreferencesUpdate(@NotNull Boolean digestEnabled) {
    }

    @GetMapping("/preferences/me")
    Preferences mine(@RequestAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE) String userId) {
        return new Preferences(userId, preferences.digestEnabled(userId));
    }

    @PutMapping(path = "/preferences/me", consumes = MediaType.APPLICATION_JSON_VALUE)
    Preferences update(@RequestAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE) String userId,
                       @Valid @RequestBody PreferencesUpdate update) {
        preferences.setDigestEnabled(userId, update.digestEnabled());
        return mine(userId);
    }

    @GetMapping("/status")
    OutboxAdministration.Status status() {
        return administration.status();
    }

    @GetMapping("/parked")
    List<OutboxAdministration.ParkedMail> parked() {
        return administration.parked(500);
    }

    /** JSON only (send {@code {}}), so a cross-site form cannot trigger it with an administrator's credentials. */
    @PostMapping(path = "/parked/{id}/retry", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> retry(@PathVariable long id) {
        return administration.retry(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
