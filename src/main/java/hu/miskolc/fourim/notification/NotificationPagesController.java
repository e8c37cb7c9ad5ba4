package hu.miskolc.fourim.notification;

import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /notifications/preferences}: the page the digest mail links to, where a user turns the digest off or on.
 * The page saves with a same-origin JSON PUT to its own address, so the browser sends the Basic credentials it
 * already has, and a cross-site form cannot change anything.
 */
@Controller
class NotificationPagesController {

    private final NotificationPreferences preferences;

    NotificationPagesController(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/notifications/preferences")
    String page(@RequestAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE) String userId, Model model) {
        model.addAttribute("userId", userId);
        model.addAttribute("digestEnabled", preferences.digestEnabled(userId));
        return "notification-preferences";
    }

    @PutMapping(path = "/notifications/preferences", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    NotificationController.Preferences save(@RequestAttribute(GroupBasicAuthFilter.USER_ATTRIBUTE) String userId,
                                            @Valid @RequestBody NotificationController.PreferencesUpdate update) {
        preferences.setDigestEnabled(userId, update.digestEnabled());
        return new NotificationController.Preferences(userId, preferences.digestEnabled(userId));
    }
}
