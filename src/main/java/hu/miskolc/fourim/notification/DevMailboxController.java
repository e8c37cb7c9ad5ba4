package hu.miskolc.fourim.notification;

import java.time.ZoneId;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dev mailbox for administrators: {@code GET /api/dev-mailbox} (JSON, newest first) and the Hungarian page
 * {@code /dev-mailbox}, which also lists the parked mails with their errors. Both need a {@code camunda-admin} user
 * (HTTP Basic, see NotificationWebConfiguration).
 */
@Controller
class DevMailboxController {

    private final DevMailbox mailbox;
    private final OutboxAdministration administration;
    private final boolean smtpConfigured;
    private final ZoneId zone;

    DevMailboxController(DevMailbox mailbox, OutboxAdministration administration,
                         ObjectProvider<JavaMailSender> smtp, NotificationProperties properties) {
        this.mailbox = mailbox;
        this.administration = administration;
        this.smtpConfigured = smtp.getIfAvailable() != null;
        this.zone = properties.zone();
    }

    @GetMapping("/api/dev-mailbox")
    @ResponseBody
    List<DevMailbox.Mail> mails(@RequestParam(defaultValue = "100") int limit) {
        return mailbox.latest(limit);
    }

    @GetMapping("/dev-mailbox")
    String page(Model model) {
        model.addAttribute("mails", mailbox.latest(100));
        model.addAttribute("parked", administration.parked(100));
        model.addAttribute("status", administration.status());
        model.addAttribute("smtpConfigured", smtpConfigured);
        model.addAttribute("zone", zone);
        return "dev-mailbox";
    }
}
