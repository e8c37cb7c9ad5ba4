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
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code council-review} with proposals (no case): quorum, tie, missing quorum at the deadline, the chair. */
@IntegrationTest
class CouncilReviewProcessTest extends ProcessTestSupport {

    private static final List<String> MEMBERS = List.of("council1", "council2", "council3");

    @Autowired
    CouncilRepository council;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void aMajorityWithQuorumDecidesAndTheSubmitterIsTold() {
        LocalDate meetingDay = LocalDate.now().plusDays(30);
        ProcessInstance review = submitProposal("Új adósságkezelési csoport");
        assertThat(review).isWaitingAt("Task_NotifyCase"); // the link to a case runs after the start is committed
        runAllJobs(review);
        assertThat(review).isWaitingAt("Task_PrepareAgenda").task().hasCandidateGroup("coordinators");
        assertThat(review.getTenantId()).isEqualTo("tetemvar");
        assertThat(engine.getRuntimeService().getVariable(review.getId(), "itemSummary"))
                .isEqualTo("Legyen adósságkezelési csoport Tetemváron?");
        prepare(review, meetingDay);

        assertThat(review).isWaitingAt("Task_Vote");
        List<Task> votes = voteTasks(review);
        assertThat(votes).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(MEMBERS);
        assertThat(engine.getTaskService().getVariable(votes.get(0).getId(), "itemQuestion"))
                .isEqualTo("Legyen adósságkezelési csoport Tetemváron?");
        assertThat(engine.getRuntimeService().getVariable(review.getId(), "itemQuestion")).isNull();

        vote(review, "council2", "approve", null);
        assertThat(review).isWaitingAt("Task_Vote"); // two votes are no quorum of three
        vote(review, "council3", "reject", "Nincs rá forrás");
        vote(review, "council1", "approve", null);

        assertThat(review).isEnded().hasPassedInOrder("Task_EvaluateVotes", "Task_RecordDecision",
                "Task_PublishDecision", "EndEvent_Decided").hasNotPassed("Task_PostponeItem");
        CouncilRepository.Item item = item(review);
        assertThat(item.status()).isEqualTo("decided");
        assertThat(item.decision()).isEqualTo("approve");
        assertThat(item.decidedHow()).isEqualTo("quorum");
        assertThat(item.decisionText()).isEqualTo("A Forrásközpont indítsa el a csoportot.");
        assertThat(council.votes(item.id(), item.meetingId())).extracting(CouncilRepository.Vote::voter)
                .containsExactly("council2", "council3", "council1");
        assertThat(mails("council-agenda", item)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select recipient_user_id from notification_outbox where dedupe_key = ?",
                String.class, "council-decision:" + item.id() + ":coordinator")).isEqualTo("coordinator");
    }

    @Test
    void itemsOfTheSameDayAreOneMeetingAndATieGoesToTheNextMeeting() {
        LocalDate meetingDay = LocalDate.now().plusDays(40);
        ProcessInstance first = submitProposal("Lépcső felújítása");
        ProcessInstance second = submitProposal("Hulladékgyűjtő pont");
        runAllJobs(first);
        runAllJobs(second);
        prepare(first, meetingDay);
        prepare(second, meetingDay);
        assertThat(item(first).meetingId()).isEqualTo(item(second).meetingId());
        assertThat(council.agenda(item(first).meetingId())).hasSize(2);

        vote(first, "council1", "approve", null);
        vote(first, "council2", "reject", null);
        vote(first, "council3", "amend", "Csak a felső szakasz");

        assertThat(first).hasPassed("Task_PostponeItem").isWaitingAt("Task_Vote");
        CouncilRepository.Item postponed = item(first);
        assertThat(postponed.postponements()).isEqualTo(1);
        assertThat(council.meeting(postponed.meetingId()).date()).isAfter(meetingDay); // the next one planned, or +14 days
        assertThat(jdbc.queryForObject("select outcome_reason from council_agenda where item_id = ? and meeting_id = ?",
                String.class, postponed.id(), item(second).meetingId())).isEqualTo("tie");
        assertThat(voteTasks(first)).hasSize(3); // everyone votes again at the next meeting

        vote(first, "council1", "amend", "Csak a felső szakasz");
        vote(first, "council2", "amend", "Korlátokkal");
        vote(first, "council3", "reject", null);
        assertThat(first).isEnded();
        CouncilRepository.Item decided = item(first);
        assertThat(decided.decision()).isEqualTo("amend");
        assertThat(decided.decisionText()).contains("A Forrásközpont indítsa el a csoportot.")
                .contains("Csak a felső szakasz").contains("Korlátokkal");
    }

    @Test
    void missingQuorumByTheMeetingDeadlineGoesToTheNextMeeting() {
        ProcessInstance review = submitProposal("Közösségi kert");
        runAllJobs(review);
        prepare(review, LocalDate.now().plusDays(50));
        vote(review, "council1", "approve", null);
        vote(review, "council2", "approve", null);

        fireTimer(review, "BoundaryEvent_MeetingDeadline");

        assertThat(review).hasPassed("BoundaryEvent_MeetingDeadline", "Task_PostponeItem").isWaitingAt("Task_Vote");
        assertThat(voteTasks(review)).hasSize(3);
        assertThat(jdbc.queryForList("select outcome_reason from council_agenda where item_id = ? order by added_at",
                String.class, item(review).id())).containsExactly("no-quorum", null);
    }

    @Test
    void theChairRecordsTheDecisionDirectly() {
        ProcessInstance review = submitProposal("Rendkívüli ülés témája");
        runAllJobs(review);
        prepare(review, LocalDate.now().plusDays(60));
        Task chairTask = voteTask(review, "council1");
        assertThat(engine.getTaskService().getVariable(chairTask.getId(), "isChair")).isEqualTo(true);
        assertThat(engine.getTaskService().getVariable(voteTask(review, "council2").getId(), "isChair"))
                .isEqualTo(false);

        // a member who is not the chair cannot decide alone: the tick counts as an ordinary vote
        Map<String, Object> notChair = voteVariables("reject", null);
        notChair.put("chairDecides", true);
        engine.getTaskService().complete(voteTask(review, "council2").getId(), notChair);
        assertThat(review).isWaitingAt("Task_Vote");

        Map<String, Object> chair = voteVariables("approve", null);
        chair.put("chairDecides", true);
        engine.getTaskService().complete(chairTask.getId(), chair);

        assertThat(review).isEnded().hasPassed("Task_RecordDecision");
        assertThat(taskQuery().processInstanceId(review.getId()).count()).isZero();
        CouncilRepository.Item item = item(review);
        assertThat(item.decision()).isEqualTo("approve");
        assertThat(item.decidedHow()).isEqualTo("chair");
        assertThat(item.decidedBy()).isEqualTo("council1");
    }

    private ProcessInstance submitProposal(String title) {
        engine.getIdentityService().setAuthentication("coordinator", List.of("coordinators"));
        try {
            return engine.getRuntimeService().startProcessInstanceByKey(CouncilReviewProcess.KEY, Map.of(
                    "districtCode", "tetemvar", "itemTitle", title,
                    "itemQuestion", "Legyen adósságkezelési csoport Tetemváron?"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void prepare(ProcessInstance review, LocalDate meetingDay) {
        completeAt(review, "Task_PrepareAgenda", Map.of("meetingDate", meetingDay.toString(),
                "meetingPlace", "Forrásközpont, tárgyaló", "itemSummary", "Rövid összefoglaló " + UUID.randomUUID(),
                "proposedResolution", "A Forrásközpont indítsa el a csoportot.", "proposedInstruction", "none"));
    }

    private List<Task> voteTasks(ProcessInstance review) {
        return taskQuery().processInstanceId(review.getId()).taskDefinitionKey("Task_Vote").list();
    }

    private Task voteTask(ProcessInstance review, String member) {
        return taskQuery().processInstanceId(review.getId()).taskDefinitionKey("Task_Vote").taskAssignee(member)
                .singleResult();
    }

    private void vote(ProcessInstance review, String member, String vote, String amendment) {
        engine.getTaskService().complete(voteTask(review, member).getId(), voteVariables(vote, amendment));
    }

    private static Map<String, Object> voteVariables(String vote, String amendment) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("vote", vote);
        if (amendment != null) {
            variables.put("amendmentText", amendment);
        }
        return variables;
    }

    private CouncilRepository.Item item(ProcessInstance review) {
        String itemId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(review.getId()).variableName("councilItemId").singleResult().getValue();
        return council.item(UUID.fromString(itemId));
    }

    private int mails(String template, CouncilRepository.Item item) {
        return jdbc.queryForObject("select count(*) from notification_outbox where template = ? and dedupe_key like ?",
                Integer.class, template, "council-agenda:" + item.meetingId() + ":" + item.id() + ":%");
    }
}
