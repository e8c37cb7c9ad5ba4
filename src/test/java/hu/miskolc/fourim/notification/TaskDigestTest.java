package hu.miskolc.fourim.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class TaskDigestTest {

    static final String GROUP = "digest-test-group";
    static TestSmtp smtp;

    @Autowired
    TaskDigest digest;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailRenderer renderer;
    @Autowired
    ObjectMapper json;
    @Autowired
    NotificationProperties properties;
    @Autowired
    TasklistLinks links;
    @Autowired
    TestRestTemplate rest;

    @BeforeAll
    static void startSmtp() {
        smtp = TestSmtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void digestGroupsTheNewUnassignedTasksOfAGroupIntoOneMailPerPerson() throws Exception {
        TestUsers.ensureUser(identityService, "digest-anna", "Anna", GROUP);
        TestUsers.ensureUser(identityService, "digest-bela", "Béla", GROUP);
        TestUsers.ensureUser(identityService, "digest-cecil", "Cecil", GROUP);
        List<String> open = List.of(task("Igénylés ellenőrzése", GROUP, null), task("Beutalás fogadása", GROUP, null),
                task("Utánkövetés", GROUP, null));
        String assigned = task("Már kiosztott", GROUP, "digest-bela");
        String otherGroup = task("Más csoporté", "digest-other-group", null);
        // Cecil turns the digest off for himself
        assertThat(putPreference("digest-cecil", false).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("digest-cecil", TestUsers.PASSWORD)
                .getForObject("/api/notifications/preferences/me", Map.class)).containsEntry("digestEnabled", false);

        Instant afterThePeriod = Instant.now().plus(properties.digestInterval());
        digest.run(afterThePeriod);
        digest.run(afterThePeriod); // a second run (or a second node) adds nothing

        assertThat(digestRows("digest-anna")).isEqualTo(1);
        assertThat(digestRows("digest-bela")).isEqualTo(1);
        assertThat(digestRows("digest-cecil")).isZero();

        new OutboxSender(jdbc, renderer, json, smtp.mailSender(), properties, new MutableClock(Instant.now()),
                "node-digest").drainOnce();

        for (String user : List.of("digest-anna", "digest-bela")) {
            List<MimeMessage> mails = smtp.messagesTo(TestUsers.email(user));
            assertThat(mails).as("digests to %s", user).hasSize(1);
            assertThat(mails.get(0).getSubject()).isEqualTo("3 új, ki nem osztott feladat a csoportjaiban");
            String html = TestMails.part(mails.get(0), "text/html");
            String text = TestMails.part(mails.get(0), "text/plain");
            for (String taskId : open) {
                assertThat(html).contains("href=\"" + links.task(taskId) + "\"");
                assertThat(text).contains(links.task(taskId));
            }
            assertThat(html).contains("Igénylés ellenőrzése", "Beutalás fogadása", "Utánkövetés")
                    .doesNotContain(assigned, otherGroup, "Már kiosztott", "Más csoporté");
        }
        assertThat(smtp.messagesTo(TestUsers.email("digest-cecil"))).isEmpty();

        // the next period has no new tasks for them: no mail
        digest.run(afterThePeriod.plus(properties.digestInterval()));
        assertThat(digestRows("digest-anna")).isEqualTo(1);
    }

    private int digestRows(String userId) {
        return jdbc.queryForObject("select count(*) from notification_outbox where recipient_user_id = ? "
                + "and template = 'task-digest'", Integer.class, userId);
    }

    private String task(String name, String group, String assignee) {
        Task task = taskService.newTask();
        task.setName(name);
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), group);
        if (assignee != null) {
            taskService.setAssignee(task.getId(), assignee);
        }
        return task.getId();
    }

    private ResponseEntity<Map> putPreference(String userId, boolean digestEnabled) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(userId, TestUsers.PASSWORD).exchange("/api/notifications/preferences/me",
                HttpMethod.PUT, new HttpEntity<>("{\"digestEnabled\": " + digestEnabled + "}", headers), Map.class);
    }
}
