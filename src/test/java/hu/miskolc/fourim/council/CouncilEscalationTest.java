package hu.miskolc.fourim.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A case put before the council (endpoint or follow-up form), decided, and the decision acted on by the journey;
 * the minutes of the meeting. Spans participant-journey and council-review, so not a *ProcessTest.
 */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class CouncilEscalationTest extends ProcessTestSupport {

    @Autowired
    TestJourneys journeys;
    @Autowired
    CouncilRepository council;
    @Autowired
    TestRestTemplate rest;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void anEscalatedCaseIsDecidedAndTheJourneyTakesOnTheAddedPackage() {
        ProcessInstance journey = journeys.startJourney("Béla", "babonyiberc");
        journeys.consentAndAssess(journey, Map.of("debtBarrier", true));
        String caseRef = journey.getBusinessKey();

        ResponseEntity<Map> created = escalate("coach", caseRef, "Adósság miatt nem tud elhelyezkedni, "
                + "kérjük a foglalkoztatási csomag hozzáadását.");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat((String) created.getBody().get("reference")).startsWith("TIT-");
        ProcessInstance review = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId((String) created.getBody().get("processInstanceId")).singleResult();
        assertThat(review.getTenantId()).isEqualTo("babonyiberc");
        runAllJobs(review);
        assertThat(journey).isWaitingAt("Task_AcceptReferral", "CatchEvent_CouncilDecisionMade");

        String summary = (String) engine.getRuntimeService().getVariable(review.getId(), "itemSummary");
        assertThat(summary).contains(caseRef).contains("adósság").doesNotContain("Béla").doesNotContain("Tesztutca");
        completeAt(review, "Task_PrepareAgenda", agenda(LocalDate.now().plusDays(70), "add-package", "employment"));
        for (String member : List.of("council1", "council2", "council3")) {
            vote(review, member, "approve", false);
        }
        assertThat(review).isEnded();

        assertThat(journey).hasPassed("Task_NoteCouncilDecision").isWaitingAt("Task_AcceptCouncilReferral");
        Task councilReferral = taskAt(journey, "Task_AcceptCouncilReferral");
        assertThat(councilReferral).hasCandidateGroup("wg-employment");
        engine.getTaskService().complete(councilReferral.getId(), Map.of("referralDecision", "accept"));
        assertThat(journey).hasPassed("EndEvent_CouncilReferralDecided").isWaitingAt("Task_AcceptReferral");
        UUID participantId = journeys.participantId(journey);
        assertThat(jdbc.queryForList("select package from referral where participant_id = ? and status = 'accepted'",
                String.class, participantId)).containsExactly("employment");
        assertThat(jdbc.queryForList("select milestone from journey_milestone where participant_id = ? order by id",
                String.class, participantId)).containsExactly("council-escalation", "council-decision");

        CouncilRepository.Item item = item(review);
        assertThat(item.kind()).isEqualTo("case");
        assertThat(item.caseRef()).isEqualTo(caseRef);
        assertThat(item.submittedBy()).isEqualTo("coach");
        assertThat(jdbc.queryForObject("select delivered_to_case from council_item where id = ?", Boolean.class,
                item.id())).isTrue();
        assertThat(jdbc.queryForObject("select params::text from notification_outbox where dedupe_key = ?",
                String.class, "council-decision:" + item.id() + ":coach"))
                .contains(caseRef).contains("jóváhagyva").contains("Béla");

        ResponseEntity<byte[]> minutes = rest.withBasicAuth("council2", "demo").getForEntity(
                "/api/council/meetings/" + item.meetingId() + "/minutes.csv", byte[].class);
        assertThat(minutes.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(minutes.getHeaders().getContentType().toString()).startsWith("text/csv");
        String csv = new String(minutes.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = csv.lines().filter(l -> l.contains(item.reference())).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().filter(l -> l.contains(";szavazat;council"))).hasSize(3);
        assertThat(lines.get(3)).contains(";döntés;a Tanács (többségi szavazás);").contains("jóváhagyva")
                .contains("szolgáltatási csomag hozzáadása: Foglalkoztatás");
        assertThat(rest.withBasicAuth("coordinator", "demo").getForEntity("/api/council/meetings", List.class)
                .getBody()).anySatisfy(m -> assertThat(((Map) m).get("id")).isEqualTo(item.meetingId().intValue()));
        assertThat(rest.withBasicAuth("field", "demo").getForEntity("/api/council/meetings/" + item.meetingId()
                + "/minutes.csv", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("council1", "demo").getForEntity("/api/council/meetings/999999/minutes.csv",
                Map.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theEscalationEndpointRefusesWithClearMessages() {
        ProcessInstance journey = journeys.startJourney("Csilla", "tetemvar");
        String caseRef = journey.getBusinessKey();

        ResponseEntity<Map> noQuestion = escalate("adviser", caseRef, " ");
        assertThat(noQuestion.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) noQuestion.getBody().get("message")).contains("kötelező");
        ResponseEntity<Map> unknown = escalate("adviser", "H-0000-000000-9", "Kérdés");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) unknown.getBody().get("message")).contains("H-0000-000000-9");
        assertThat(escalate("field", caseRef, "Kérdés").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.postForEntity("/api/cases/" + caseRef + "/escalations",
                new HttpEntity<>("{\"question\":\"x\"}", json()), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // a coach of another district (no tenant membership) may not escalate this case
        ensureUser("coach-avas", "coaches");
        ResponseEntity<Map> otherDistrict = rest.withBasicAuth("coach-avas", "test-password").postForEntity(
                "/api/cases/" + caseRef + "/escalations", new HttpEntity<>("{\"question\":\"Kérdés\"}", json()),
                Map.class);
        assertThat(otherDistrict.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) otherDistrict.getBody().get("message")).contains("városrész");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("council-review")
                .variableValueEquals("caseRef", caseRef).count()).isZero();
    }

    @Test
    void theCoachEscalatesFromTheFollowUpAndTheChairsRejectionClosesTheEscalation() {
        ProcessInstance journey = journeys.startJourney("Dénes", "babonyiberc");
        journeys.consentAndAssess(journey, Map.of("cooperating", false));
        completeAt(journey, "Task_AcceptReferral", Map.of("referralDecision", "accept"));
        completeAt(journey, "Task_ActionPlan", Map.of("planGoals", "Közösségi program", "agreedWithParticipant", true));
        completeAt(journey, "Task_ServiceGiven", Map.of("serviceDescription", "Gyerekprogram"));
        completeAt(journey, "Task_ServiceEffect", Map.of("effect", "unchanged"));
        fireTimer(journey, "Timer_NextFollowUp");
        engine.getIdentityService().setAuthentication("coach", List.of("coaches"), List.of("babonyiberc"));
        try {
            completeAt(journey, "Task_FollowUp", Map.of("contactMade", "yes", "followUpDecision", "continue",
                    "escalateToCouncil", true, "councilQuestion", "Nem vesz részt semmiben, mit tehetünk?"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        ProcessInstance review = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("council-review").variableValueEquals("caseRef", journey.getBusinessKey())
                .singleResult();
        runAllJobs(review);
        assertThat(journey).isWaitingAt("Timer_NextFollowUp", "CatchEvent_CouncilDecisionMade");
        assertThat(engine.getRuntimeService().getVariable(journey.getId(), "escalateToCouncil")).isNull();
        completeAt(review, "Task_PrepareAgenda", agenda(LocalDate.now().plusDays(80), "none", null));
        vote(review, "council1", "reject", true);

        assertThat(review).isEnded();
        assertThat(item(review).submittedBy()).isEqualTo("coach");
        assertThat(journey).hasPassed("EndEvent_CouncilEscalationClosed").hasNotPassed("Task_CreateCouncilReferral")
                .isWaitingAt("Timer_NextFollowUp");
    }

    private ResponseEntity<Map> escalate(String user, String caseRef, String question) {
        return rest.withBasicAuth(user, "demo").postForEntity("/api/cases/" + caseRef + "/escalations",
                new HttpEntity<>(Map.of("question", question), json()), Map.class);
    }

    private static Map<String, Object> agenda(LocalDate day, String instruction, String pkg) {
        Map<String, Object> variables = new HashMap<>(Map.of("meetingDate", day.toString(), "meetingPlace",
                "Forrásközpont", "itemSummary", "Összetett ügy", "proposedResolution",
                "A Tanács támogatja a javaslatot.", "proposedInstruction", instruction));
        if (pkg != null) {
            variables.put("instructionPackage", pkg);
        }
        return variables;
    }

    private void vote(ProcessInstance review, String member, String vote, boolean chairDecides) {
        Task task = taskQuery().processInstanceId(review.getId()).taskAssignee(member).singleResult();
        engine.getTaskService().complete(task.getId(), Map.of("vote", vote, "chairDecides", chairDecides));
    }

    private CouncilRepository.Item item(ProcessInstance review) {
        String itemId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(review.getId()).variableName("councilItemId").singleResult().getValue();
        return council.item(UUID.fromString(itemId));
    }

    private void ensureUser(String userId, String group) {
        var identity = engine.getIdentityService();
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName("Teszt");
            user.setLastName("Coach");
            user.setEmail(userId + "@test.4im.local");
            user.setPassword("test-password");
            identity.saveUser(user);
            identity.createMembership(userId, group);
        }
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
