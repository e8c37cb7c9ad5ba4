package hu.miskolc.fourim.notification;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A {@link org.springframework.mail.javamail.JavaMailSender} that delivers into the {@link DevMailbox} instead of
 * an SMTP server: messages are built exactly as for SMTP, then their recipients, subject and bodies are stored.
 */
class DevMailboxMailSender extends JavaMailSenderImpl {

    private final DevMailbox mailbox;

    DevMailboxMailSender(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) throws MailException {
        for (MimeMessage message : mimeMessages) {
            try {
                message.saveChanges();
                String[] bodies = new String[2];
                collect(message, bodies);
                Address[] to = message.getAllRecipients();
                String recipients = to == null ? "" : Arrays.stream(to).map(Address::toString)
                        .collect(Collectors.joining(", "));
                mailbox.store(message.getMessageID(), recipients, message.getSubject(), bodies[0], bodies[1]);
            } catch (MessagingException | IOException e) {
                throw new MailPreparationException("Could not store the mail in the dev mailbox", e);
            }
        }
    }

    /** Finds the plain-text ({@code bodies[0]}) and HTML ({@code bodies[1]}) alternatives. */
    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), bodies);
            }
        } else if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = String.valueOf(part.getContent());
        }
    }
}
