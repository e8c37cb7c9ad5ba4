package hu.miskolc.fourim.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A real SMTP server in the test JVM (GreenMail) on a fixed free port, so it can be stopped and started again. */
final class TestSmtp implements AutoCloseable {

    private final int port;
    private GreenMail greenMail;

    private TestSmtp(int port) {
        this.port = port;
    }

    static TestSmtp start() {
        TestSmtp smtp = new TestSmtp(freePort());
        smtp.restart();
        return smtp;
    }

    /** Starts a fresh server (empty mailbox) on the same port. */
    void restart() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** Starts the server again if a test stopped it and failed before restarting it. */
    void ensureRunning() {
        if (!greenMail.isRunning()) {
            restart();
        }
    }

    void stop() {
        greenMail.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** A Spring mail sender pointed at this server, with short timeouts. */
    JavaMailSenderImpl mailSender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        configure(sender);
        return sender;
    }

    void configure(JavaMailSenderImpl sender) {
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", "2000");
        properties.setProperty("mail.smtp.timeout", "5000");
        properties.setProperty("mail.smtp.writetimeout", "5000");
        sender.setJavaMailProperties(properties);
    }

    /** Messages this server received for the address. */
    List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isTo(m, email)).toList();
    }

    static boolean isTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
