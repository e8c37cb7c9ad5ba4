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
        assertThat(listed(first, "attendance")).containsExactlyElementsOf(members);
        completeAt(cohort, "Task_RecordAttendance", Map.of("attendance", attendance(members, members.get(3), null)));

        // the fourth leaves the programme (their journey ends): off the next list, the group goes on
        participants.close(participants.findByCaseRef(members.get(3)).orElseThrow(), Outcome.DROPPED_OUT);
        fireTimer(cohort, "Timer_SessionDate");
        List<String> stayed = members.subList(0, 3);
        assertThat(listed(taskAt(cohort, "Task_RecordAttendance"), "attendance")).containsExactlyElementsOf(stayed);
        // the third leaves the group at the second session
        completeAt(cohort, "Task_RecordAttendance", Map.of("attendance", attendance(stayed, null, members.get(2))));

        fireTimer(cohort, "Timer_SessionDate");
        List<String> finishers = members.subList(0, 2);
        assertThat(listed(taskAt(cohort, "Task_RecordAttendance"), "attendance")).containsExactlyElementsOf(finishers);
        completeAt(cohort, "Task_RecordAttendance", Map.of("attendance", attendance(finishers, null, null)));

        Task results = taskAt(cohort, "Task_RecordResults");
        assertThat(listed(results, "results")).containsExactlyElementsOf(finishers);
        completeAt(cohort, "Task_RecordResults", Map.of("results", List.of(
                Map.of("caseRef", finishers.get(0), "firstName", "Teszt", "result", "completed"),
                Map.of("caseRef", finishers.get(1), "firstName", "Teszt", "result", "not-completed"))));

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
        assertThat(jdbc.queryForObject("select status from cohort where id = ?", String.class, cohortId))
                .isEqualTo("closed");
        assertThat(jdbc.queryForList("select result from journey_milestone where milestone = 'group-result' "
                + "and participant_id = ?", String.class, participants.findByCaseRef(finishers.get(0)).orElseThrow()))
                .containsExactly("completed");
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

    private static Map<String, Object> selection(List<String> members, String facilitator, int sessions) {
        List<Map<String, Object>> planned = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            planned.add(Map.of("sessionDate", LocalDate.now().plusWeeks(i + 1).toString(),
                    "sessionTopic", (i + 1) + ". alkalom"));
        }
        return Map.of("memberCaseRefs", members, "facilitator", facilitator, "sessions", planned);
    }

    private static List<Map<String, Object>> attendance(List<String> members, String absent, String leaving) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String caseRef : members) {
            Map<String, Object> row = new HashMap<>();
            row.put("caseRef", caseRef);
            row.put("firstName", "Teszt");
            row.put("present", !caseRef.equals(absent));
            row.put("leftCohort", caseRef.equals(leaving));
            row.put("note", caseRef.equals(absent) ? "Beteg volt" : "");
            rows.add(row);
        }
        return rows;
    }

    private List<String> listed(Task task, String list) {
        return CohortSessions.rows(engine.getTaskService().getVariable(task.getId(), list)).stream()
                .map(row -> (String) row.get("caseRef")).toList();
    }

    private Object variable(ProcessInstance instance, String name) {
        return engine.getRuntimeService().getVariable(instance.getId(), name);
    }
}
