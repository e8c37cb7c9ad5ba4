package hu.miskolc.fourim.notification;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wires the outbox sender to the mail server: Spring Boot's {@link JavaMailSender} when {@code SPRING_MAIL_HOST} is
 * set, otherwise the built-in {@link DevMailbox}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    OutboxSender outboxSender(JdbcTemplate jdbc, MailRenderer renderer, ObjectMapper json,
                              ObjectProvider<JavaMailSender> smtp, DevMailbox devMailbox,
                              NotificationProperties properties, Environment environment) {
        JavaMailSender mailSender = smtp.getIfAvailable();
        if (mailSender == null) {
            if (environment.matchesProfiles("prod")) {
                log.warn("No SMTP server configured (SPRING_MAIL_HOST): no e-mail leaves this server, they go to "
                        + "the dev mailbox at /dev-mailbox");
            } else {
                log.info("No SMTP server configured (SPRING_MAIL_HOST): e-mails go to the dev mailbox at "
                        + "/dev-mailbox");
            }
            mailSender = new DevMailboxMailSender(devMailbox);
        }
        return new OutboxSender(jdbc, renderer, json, mailSender, properties, Clock.systemUTC(), nodeId());
    }

    /** Names this server node in the outbox leases: process and host, plus a random part for restarts. */
    static String nodeId() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        String id = name + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 100 ? id.substring(id.length() - 100) : id;
    }
}
