package hu.miskolc.fourim.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The outbox sender against a real SMTP server in the test JVM (GreenMail). */
@IntegrationTest
class OutboxSenderTest {

    static TestSmtp smtp;

    @Autowired
    NotificationService notifications;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailRenderer renderer;
    @Autowired
    ObjectMapper json;
    @Autowired
    NotificationProperties properties;
    @Autowired
    IdentityService identityService;
    @Autowired
    TestRestTemplate rest;

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
    void smtpOutageDuringSendingDeliversEverythingAfterRecoveryExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = List.of("outage-1", "outage-2", "outage-3");
        for (int i = 0; i < users.size(); i++) {
            TestUsers.ensureUser(identityService, users.get(i), "Olga");
            assertThat(notifications.notifyUser(users.get(i), "task-assigned",
                    Map.of("taskId", "outage-task-" + i, "taskName", "Kimenő levél"), "test-outage:" + run + ":" + i))
                    .isTrue();
        }
        // the SMTP server goes down right after it accepted the first of these mails
        List<MimeMessage> beforeOutage = new ArrayList<>();
        AtomicBoolean down = new AtomicBoolean();
        JavaMailSenderImpl failing = new JavaMailSenderImpl() {
            @Override
            protected void doSend(MimeMessage[] messages, Object[] originals) throws MailException {
                super.doSend(messages, originals);
                if (!down.get() && TestSmtp.isTo(messages[0], "outage-")) {
                    users.forEach(u -> beforeOutage.addAll(smtp.messagesTo(TestUsers.email(u))));
                    smtp.stop();
                    down.set(true);
                }
            }
        };
        smtp.configure(failing);
        MutableClock clock = new MutableClock(Instant.now());
        OutboxSender sender = sender(failing, clock, "node-outage");

        OutboxSender.DrainResult first = sender.drainOnce();

        assertThat(down).isTrue();
        assertThat(first.smtpUnavailable()).isTrue();
        assertThat(beforeOutage).hasSize(1);
        assertThat(statuses(run)).containsExactlyInAnyOrder("sent", "pending", "pending");

        // a long outage: many rounds, far more than max-attempts, yet nothing is parked or lost
        for (int round = 0; round < properties.sender().maxAttempts() + 4; round++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sender.drainOnce().smtpUnavailable()).isTrue();
        }
        assertThat(statuses(run)).containsExactlyInAnyOrder("sent", "pending", "pending");
        // the outage did not count against the mails, and the admins can see what held them up
        assertThat(jdbc.queryForList("select attempts from notification_outbox where dedupe_key like ?",
                Integer.class, "test-outage:" + run + ":%")).containsOnly(0);
        assertThat(jdbc.queryForList("select last_error from notification_outbox where dedupe_key like ? "
                + "and status = 'pending'", String.class, "test-outage:" + run + ":%"))
                .anySatisfy(error -> assertThat(error).contains("Connect"));

        // administrators see that mail is waiting, and why
        Map<?, ?> status = rest.withBasicAuth("admin", "demo").getForObject("/api/notifications/status", Map.class);
        assertThat(((Number) status.get("pending")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(status.get("lastError").toString()).contains("Connect");

        smtp.restart();
        clock.advance(Duration.ofMinutes(10));
        sender.drainOnce();
        sender.drainOnce();

        assertThat(statuses(run)).containsOnly("sent");
        for (String user : users) {
            long before = beforeOutage.stream().filter(m -> TestSmtp.isTo(m, TestUsers.email(user))).count();
            long after = smtp.messagesTo(TestUsers.email(user)).size();
            assertThat(before + after).as("mails to %s", user).isEqualTo(1);
        }
    }

    @Test
    void sameOutboxRowDrainedByTwoSendersConcurrentlyGoesOutOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "concurrent-1";
        TestUsers.ensureUser(identityService, user, "Csilla");
        notifications.notifyUser(user, "task-assigned", Map.of("taskId", "race-" + run), "test-race:" + run);
        CountDownLatch inSend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JavaMailSenderImpl slow = new JavaMailSenderImpl() {
            @Override
            protected void doSend(MimeMessage[] messages, Object[] originals) throws MailException {
                if (TestSmtp.isTo(messages[0], TestUsers.email(user))) {
                    inSend.countDown();
                    await(release);
                }
                super.doSend(messages, originals);
            }
        };
        smtp.configure(slow);
        MutableClock clock = new MutableClock(Instant.now());
        OutboxSender senderA = sender(slow, clock, "node-A");
        OutboxSender senderB = sender(smtp.mailSender(), clock, "node-B");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            // A has claimed the row and is talking to the SMTP server when B drains the same outbox
            Future<OutboxSender.DrainResult> a = executor.submit(senderA::drainOnce);
            assertThat(inSend.await(20, TimeUnit.SECONDS)).isTrue();
            senderB.drainOnce();
            assertThat(smtp.messagesTo(TestUsers.email(user))).isEmpty();

            release.countDown();
            a.get(20, TimeUnit.SECONDS);
            senderB.drainOnce();
        } finally {
            release.countDown();
            executor.shutdownNow();
        }

        assertThat(smtp.messagesTo(TestUsers.email(user))).hasSize(1);
        assertThat(jdbc.queryForList("select status from notification_outbox where dedupe_key like ?",
                String.class, "test-race:" + run + "%")).containsExactly("sent");
    }

    @Test
    void twoSendersDrainingManyRowsAtOnceSendEachOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "concurrent-2";
        TestUsers.ensureUser(identityService, user, "Csongor");
        int count = 30;
        for (int i = 0; i < count; i++) {
            notifications.notifyUser(user, "task-assigned", Map.of("taskId", "many-" + run + "-" + i),
                    "test-many:" + run + ":" + i);
        }
        MutableClock clock = new MutableClock(Instant.now());
        List<OutboxSender> senders = List.of(sender(smtp.mailSender(), clock, "node-1"),
                sender(smtp.mailSender(), clock, "node-2"));
        CyclicBarrier start = new CyclicBarrier(senders.size());
        ExecutorService executor = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (OutboxSender sender : senders) {
                results.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int sent = 0;
                    for (int round = 0; round < 5; round++) {
                        sent += sender.drainOnce().sent();
                    }
                    return sent;
                }));
            }
            for (Future<Integer> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        // each row has its own Message-ID (from its dedupe key): every one arrives, none twice
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(OutboxSender.messageId("test-many:" + run + ":" + i + ":" + user));
        }
        List<String> received = new ArrayList<>();
        for (MimeMessage message : smtp.messagesTo(TestUsers.email(user))) {
            received.add(message.getMessageID());
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.queryForObject("select count(*) from notification_outbox where dedupe_key like ? "
                + "and status = 'sent'", Integer.class, "test-many:" + run + ":%")).isEqualTo(count);
    }

    private OutboxSender sender(JavaMailSender mailSender, MutableClock clock, String node) {
        return new OutboxSender(jdbc, renderer, json, mailSender, properties, clock, node);
    }

    private List<String> statuses(String run) {
        return jdbc.queryForList("select status from notification_outbox where dedupe_key like ? order by id",
                String.class, "test-outage:" + run + ":%");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
