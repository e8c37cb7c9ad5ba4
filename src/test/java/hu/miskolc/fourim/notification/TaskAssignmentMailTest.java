package hu.miskolc.fourim.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.IntegrationTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class TaskAssignmentMailTest {

    static TestSmtp smtp;

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactionTemplate;
    @Autowired
    MailRenderer renderer;
    @Autowired
    ObjectMapper json;
    @Autowired
    NotificationProperties properties;
    @Autowired
    TestRestTemplate rest;
    @LocalServerPort
    int port;

    @BeforeAll
    static void startSmtp() {
        smtp = TestSmtp.start();
    }

    @BeforeEach
    void smtpRunning() {
        smtp.ensureRunning();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void assignmentMailArrivesWithTheRightRecipientAndAWorkingTasklistLink() throws Exception {
        String processInstanceId = startSurvey();
        String caseRef = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getBusinessKey();
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();

        taskService.setAssignee(task.getId(), "field");
        taskService.setAssignee(task.getId(), "field"); // the same assignment again: still one mail
        sender().drainOnce();

        List<MimeMessage> mails = smtp.messagesTo("field@demo.4im.local").stream()
                .filter(m -> messageId(m).equals(OutboxSender.messageId("assign:" + task.getId() + ":field")))
                .toList();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getAllRecipients()).extracting(Address::toString).containsExactly("field@demo.4im.local");
        assertThat(mail.getSubject()).isEqualTo("Új feladatot kapott: Családlátogatás – " + caseRef);

        String expectedLink = "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId();
        Matcher href = Pattern.compile("href=\"([^\"]*\\?task=[^\"]*)\"").matcher(html(mail));
        assertThat(href.find()).isTrue();
        String link = href.group(1);
        assertThat(link).isEqualTo(expectedLink);
        assertThat(TestMails.part(mail, "text/plain")).contains(expectedLink);

        // the link opens Tasklist on this server, and names a task the recipient can open there
        URI uri = URI.create(link);
        ResponseEntity<String> tasklist = rest.getForEntity(
                new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null), String.class);
        assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasklist.getBody()).containsIgnoringCase("tasklist");
        String taskIdInLink = uri.getFragment().substring(uri.getFragment().indexOf("task=") + 5);
        ResponseEntity<Map> openedTask = rest.withBasicAuth("field", "demo")
                .getForEntity("/engine-rest/task/{id}", Map.class, taskIdInLink);
        assertThat(openedTask.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(openedTask.getBody()).containsEntry("assignee", "field");
    }

    @Test
    void assignmentRolledBackWithItsEngineStepQueuesNothingAndSelfClaimQueuesNothing() {
        String processInstanceId = startSurvey();
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();

        transactionTemplate.executeWithoutResult(status -> {
            taskService.setAssignee(task.getId(), "field");
            assertThat(queued(task.getId())).isEqualTo(1); // written in the engine's transaction...
            status.setRollbackOnly();
        });
        assertThat(queued(task.getId())).isZero(); // ...and gone with it

        identityService.setAuthentication("field", List.of("field-assistants"), List.of("babonyiberc"));
        try {
            taskService.claim(task.getId(), "field");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
                .isEqualTo("field");
        assertThat(queued(task.getId())).isZero();
    }

    private int queued(String taskId) {
        return jdbc.queryForObject("select count(*) from notification_outbox where dedupe_key like ?",
                Integer.class, "assign:" + taskId + ":%");
    }

    private OutboxSender sender() {
        return new OutboxSender(jdbc, renderer, json, smtp.mailSender(), properties,
                new MutableClock(Instant.now()), "node-assign");
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML alternative of a received message. */
    private static String html(MimeMessage message) throws Exception {
        return TestMails.part(message, "text/html");
    }

    private String startSurvey() {
        return runtimeService.startProcessInstanceByKey("household-survey", Map.of("districtCode", "babonyiberc",
                "address", "Levél utca " + java.util.UUID.randomUUID())).getId();
    }
}
