package hu.miskolc.fourim.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.Outcome;
import hu.miskolc.fourim.journey.ParticipantRepository;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code cohort} with participants of the tables (no journeys): forming, sessions, a dropout, results. */
@IntegrationTest
class CohortProcessTest extends ProcessTestSupport {

    @Autowired
    TestJourneys people;
    @Autowired
    ParticipantRepository participants;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void membersWhoLeaveDoNotBreakTheCohortAndTheOthersGetTheirResults() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(member("tetemvar", "open-door"));
        }
        String otherDistrict = member("babonyiberc", "open-door");
        String otherPackage = member("tetemvar", "employment");
        ProcessInstance cohort = start("tetemvar", "open-door", "Adósságkezelési csoport");

        Task select = taskAt(cohort, "Task_SelectMembers");
        assertThat(select).hasCandidateGroup("coordinators").hasCandidateGroup("wg-open-door");
        String candidates = variable(cohort, "candidateOptions").toString();
        assertThat(candidates).contains(members.toArray(String[]::new)).doesNotContain(otherDistrict)
                .doesNotContain(otherPackage);
        assertThat(variable(cohort, "facilitatorOptions").toString()).contains("\"opendoor\"").contains("\"coach\"");
        completeAt(cohort, "Task_SelectMembers", selection(members, "opendoor", 3));
        assertThat(cohort).isWaitingAt("Timer_SessionDate");
        assertThat(variable(cohort, "candidateOptions")).isNull();

        // session 1: everyone on the list, one absent
        fireTimer(cohort, "Timer_SessionDate");
        Task first = taskAt(cohort, "Task_RecordAttendance");
        assertThat(first).isAssignedTo("opendoor");
        assertThat(listed(first, "attendanceOptions")).containsExactlyElementsOf(members);
        assertThat(engine.getTaskService().getVariable(first.getId(), "presentCaseRefs").toString()).isEqualTo("[]");
        completeAt(cohort, "Task_RecordAttendance", attendance(members, members.get(3), null, "Egy fő beteg volt"));

        // the fourth leaves the programme (their journey ends): off the next list, the group goes on
        participants.close(participants.findByCaseRef(members.get(3)).orElseThrow(), Outcome.DROPPED_OUT);
        fireTimer(cohort, "Timer_SessionDate");
        List<String> stayed = members.subList(0, 3);
        assertThat(listed(taskAt(cohort, "Task_RecordAttendance"), "attendanceOptions")).containsExactlyElementsOf(stayed);
        // the third leaves the group at the second session
        completeAt(cohort, "Task_RecordAttendance", attendance(stayed, null, members.get(2), ""));

        fireTimer(cohort, "Timer_SessionDate");
        List<String> finishers = members.subList(0, 2);
        assertThat(listed(taskAt(cohort, "Task_RecordAttendance"), "attendanceOptions"))
                .containsExactlyElementsOf(finishers);
        completeAt(cohort, "Task_RecordAttendance", attendance(finishers, null, null, ""));

        Task results = taskAt(cohort, "Task_RecordResults");
        assertThat(listed(results, "resultOptions")).containsExactlyElementsOf(finishers);
        // ticked both as completed and as partial: back to the form with the problem named
        completeAt(cohort, "Task_RecordResults", Map.of("completedCaseRefs", List.of(finishers.get(0)),
                "partialCaseRefs", List.of(finishers.get(0))));
        assertThat(cohort).hasPassed("BoundaryEvent_InvalidResults").isWaitingAt("Task_RecordResults");
        assertThat((String) variable(cohort, "resultsProblem")).contains(finishers.get(0));
        // the first completed, the second ticked nowhere: not completed
        completeAt(cohort, "Task_RecordResults", Map.of("completedCaseRefs", List.of(finishers.get(0)),
                "partialCaseRefs", List.of()));

        assertThat(cohort).isEnded().hasPassed("Task_ApplyResults", "EndEvent_CohortClosed");
        UUID cohortId = UUID.fromString((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(cohort.getId()).variableName("cohortId").singleResult().getValue());
        assertThat(jdbc.queryForList("select case_ref || ':' || status || ':' || coalesce(left_reason, '') || ':' "
                        + "|| coalesce(result, '') from cohort_member where cohort_id = ? order by case_ref", String.class,
                cohortId)).containsExactly(
                members.get(0) + ":active::completed", members.get(1) + ":active::not-completed",
                members.get(2) + ":left:group:", members.get(3) + ":left:programme:");
        assertThat(jdbc.queryForObject("select count(*) from cohort_attendance a join cohort_session s on s.id = a.session_id "
                + "where s.cohort_id = ? and a.present", Integer.class, cohortId)).isEqualTo(3 + 3 + 2); // the one who left the group was there when they said so
        assertThat(jdbc.queryForList("select session_date || ':' || topic || ':' || coalesce(note, '') "
                + "from cohort_session where cohort_id = ? order by session_no", String.class, cohortId)).containsExactly(
                LocalDate.now().plusDays(7) + ":Bemutatkozás:Egy fő beteg volt",
                LocalDate.now().plusDays(14) + ":Költségvetés:",
                LocalDate.now().plusDays(21) + ":Adósságkezelési csoport:");
        assertThat(jdbc.queryForObject("select status from cohort where id = ?", String.class, cohortId))
                .isEqualTo("closed");
        assertThat(jdbc.queryForList("select result from journey_milestone where milestone = 'group-result' "
                + "and participant_id = ?", String.class, participants.findByCaseRef(finishers.get(0)).orElseThrow()))
                .containsExactly("completed");
    }

    @Test
    void invalidSessionsGoBackToTheForm() {
        String member = member("tetemvar", "employment");
        ProcessInstance cohort = start("tetemvar", "employment", "Álláskeresési klub");

        Map<String, Object> tooManyTopics = new HashMap<>(selection(List.of(member), "employment", 1));
        tooManyTopics.put("sessionTopics", "Önéletrajz\nÁllásinterjú");
        completeAt(cohort, "Task_SelectMembers", tooManyTopics);
        assertThat(cohort).hasPassed("BoundaryEvent_InvalidSelection").isWaitingAt("Task_SelectMembers");
        assertThat((String) variable(cohort, "selectionProblem")).contains("alkalmak számát");

        Map<String, Object> noDate = new HashMap<>(selection(List.of(member), "employment", 2));
        noDate.put("firstSessionDate", "");
        completeAt(cohort, "Task_SelectMembers", noDate);
        assertThat(cohort).isWaitingAt("Task_SelectMembers");

        Map<String, Object> everyOtherDay = new HashMap<>(selection(List.of(member), "employment", 2));
        everyOtherDay.put("sessionIntervalDays", 2.0);
        everyOtherDay.put("sessionTopics", "");
        completeAt(cohort, "Task_SelectMembers", everyOtherDay);
        assertThat(cohort).isWaitingAt("Timer_SessionDate");
        assertThat(jdbc.queryForList("select s.session_date || ':' || s.topic from cohort_session s join cohort c "
                        + "on c.id = s.cohort_id where c.process_instance_id = ? order by s.session_no", String.class,
                cohort.getId())).containsExactly(LocalDate.now().plusDays(7) + ":Álláskeresési klub",
                LocalDate.now().plusDays(9) + ":Álláskeresési klub");
    }

    @Test
    void anIncompleteSelectionGoesBackToTheForm() {
        String member = member("babonyiberc", "motivation");
        ProcessInstance cohort = start("babonyiberc", "motivation", "Gyerekprogram és közösségi beszélgetések");

        completeAt(cohort, "Task_SelectMembers", selection(List.of(member), "nobody", 1));
        assertThat(cohort).hasPassed("BoundaryEvent_InvalidSelection").isWaitingAt("Task_SelectMembers");
        assertThat((String) variable(cohort, "selectionProblem")).contains("foglalkozásvezető");

        completeAt(cohort, "Task_SelectMembers", selection(List.of(member), "motivation", 1));
        assertThat(cohort).isWaitingAt("Timer_SessionDate");
    }

    private String member(String district, String pkg) {
        String caseRef = people.participantCase(district, 1988, "unemployed", 120000, true, true);
        people.acceptedInto(caseRef, pkg);
        return caseRef;
    }

    private ProcessInstance start(String district, String pkg, String name) {
        engine.getIdentityService().setAuthentication("coordinator", List.of("coordinators"));
        try {
            return engine.getRuntimeService().startProcessInstanceByKey(CohortProcess.KEY,
                    Map.of("districtCode", district, "package", pkg, "cohortName", name));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** As Tasklist submits the form: the first session a week from now, weekly (the form's default interval). */
    private static Map<String, Object> selection(List<String> members, String facilitator, int sessions) {
        Map<String, Object> form = new HashMap<>();
        form.put("memberCaseRefs", members);
        form.put("facilitator", facilitator);
        form.put("firstSessionDate", LocalDate.now().plusWeeks(1).toString());
        form.put("sessionCount", (long) sessions);
        form.put("sessionIntervalDays", 7L);
        form.put("sessionTopics", sessions == 3 ? "Bemutatkozás\n\n  Költségvetés  \n" : "");
        return form;
    }

    private static Map<String, Object> attendance(List<String> members, String absent, String leaving, String note) {
        return Map.of("presentCaseRefs", members.stream().filter(caseRef -> !caseRef.equals(absent)).toList(),
                "leftCaseRefs", leaving == null ? List.of() : List.of(leaving), "attendanceNote", note);
    }

    private List<String> listed(Task task, String options) {
        return CohortSessions.options(engine.getTaskService().getVariable(task.getId(), options)).stream()
                .map(option -> (String) option.get("value")).toList();
    }

    private Object variable(ProcessInstance instance, String name) {
        return engine.getRuntimeService().getVariable(instance.getId(), name);
    }
}
