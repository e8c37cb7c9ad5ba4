package hu.miskolc.fourim.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.IntegrationTest;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The dev mailbox (no SPRING_MAIL_HOST in tests) and the parked mails, as administrators see them. */
@IntegrationTest
class NotificationAdminEndpointsTest {

    @Autowired
    NotificationService notifications;
    @Autowired
    OutboxSender serverSender;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailRenderer renderer;
    @Autowired
    ObjectMapper json;
    @Autowired
    NotificationProperties properties;
    @Autowired
    TestRestTemplate rest;

    @Test
    void withoutSmtpTheServerDeliversToTheDevMailboxWhichOnlyAdminsSee() {
        String taskId = "devmail-" + UUID.randomUUID();
        notifications.notifyUser("coach", "task-assigned", Map.of("taskId", taskId, "taskName", "Próba"),
                "test-devmail:" + taskId);

        serverSender.drainOnce();

        ResponseEntity<List> api = rest.withBasicAuth("admin", "demo").getForEntity("/api/dev-mailbox", List.class);
        assertThat(api.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.getBody()).anySatisfy(mail -> {
            Map<?, ?> m = (Map<?, ?>) mail;
            assertThat(m.get("recipients")).isEqualTo("coach@demo.4im.local");
            assertThat((String) m.get("htmlBody")).contains(taskId);
            assertThat((String) m.get("textBody")).contains(taskId);
        });
        ResponseEntity<String> page = rest.withBasicAuth("admin", "demo").getForEntity("/dev-mailbox", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Fejlesztői postafiók", "Új feladatot kapott: Próba");

        assertThat(rest.getForEntity("/api/dev-mailbox", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> anonymousPage = rest.getForEntity("/dev-mailbox", String.class);
        assertThat(anonymousPage.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymousPage.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(rest.withBasicAuth("coach", "demo").getForEntity("/api/dev-mailbox", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aMailTheServerKeepsRefusingIsParkedWithItsErrorForAdmins() {
        String key = "test-parked:" + UUID.randomUUID();
        notifications.notifyUser("coach", "task-assigned", Map.of("taskId", "parked-task"), key);
        JavaMailSenderImpl refusing = new JavaMailSenderImpl() {
            @Override
            protected void doSend(MimeMessage[] messages, Object[] originals) throws MailException {
                throw new MailSendException(Map.of(messages[0],
                        new SendFailedException("550 5.1.1 mailbox unavailable")));
            }
        };
        MutableClock clock = new MutableClock(Instant.now());
        OutboxSender sender = new OutboxSender(jdbc, renderer, json, refusing, properties, clock, "node-refused");
        for (int attempt = 0; attempt < properties.sender().maxAttempts(); attempt++) {
            assertThat(status(key)).isEqualTo("pending");
            sender.drainOnce();
            clock.advance(properties.sender().maxBackoff().plus(Duration.ofMinutes(1)));
        }
        assertThat(status(key)).isEqualTo("parked");

        ResponseEntity<List> parked = rest.withBasicAuth("admin", "demo")
                .getForEntity("/api/notifications/parked", List.class);
        assertThat(parked.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<?, ?> mail = (Map<?, ?>) parked.getBody().stream()
                .filter(m -> "coach".equals(((Map<?, ?>) m).get("recipientUserId"))
                        && ((Map<?, ?>) m).get("lastError").toString().contains("550 5.1.1"))
                .findFirst().orElseThrow();
        assertThat(mail.get("attempts")).isEqualTo(properties.sender().maxAttempts());
        assertThat(rest.withBasicAuth("coach", "demo").getForEntity("/api/notifications/parked", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        notifications.notifyUser("coach", "task-assigned", Map.of("taskId", "waiting-task"), key + "-waiting");
        ResponseEntity<String> page = rest.withBasicAuth("admin", "demo").getForEntity("/dev-mailbox", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Elakadt levelek", "550 5.1.1 mailbox unavailable", "Küldésre vár",
                "a legrégebbi");
        assertThat(rest.withBasicAuth("coach", "demo").getForEntity("/api/notifications/status", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Void> retry = rest.withBasicAuth("admin", "demo").postForEntity(
                "/api/notifications/parked/{id}/retry", new HttpEntity<>("{}", headers), Void.class, mail.get("id"));
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(status(key)).isEqualTo("pending");
    }

    @Test
    void theDigestMailsPreferencesPageSavesTheUsersOwnChoice() {
        ResponseEntity<String> page = rest.withBasicAuth("living", "demo")
                .getForEntity("/notifications/preferences", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Értesítési beállítások", "living");
        assertThat(rest.getForEntity("/notifications/preferences", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> saved = rest.withBasicAuth("living", "demo").exchange("/notifications/preferences",
                org.springframework.http.HttpMethod.PUT, new HttpEntity<>("{\"digestEnabled\": false}", headers),
                Map.class);
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody()).containsEntry("userId", "living").containsEntry("digestEnabled", false);
        assertThat(rest.withBasicAuth("living", "demo").getForObject("/api/notifications/preferences/me", Map.class))
                .containsEntry("digestEnabled", false);
        // a form post from another site cannot change it
        HttpHeaders form = new HttpHeaders();
        form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        assertThat(rest.withBasicAuth("living", "demo").exchange("/notifications/preferences",
                org.springframework.http.HttpMethod.POST, new HttpEntity<>("digestEnabled=true", form), String.class)
                .getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(rest.withBasicAuth("living", "demo").getForObject("/api/notifications/preferences/me", Map.class))
                .containsEntry("digestEnabled", false);
    }

    private String status(String key) {
        return jdbc.queryForObject("select status from notification_outbox where dedupe_key like ?", String.class,
                key + ":%");
    }
}
