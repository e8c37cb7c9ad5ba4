package hu.miskolc.fourim.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A coordinator forms a cohort and its facilitator records attendance and results, in Tasklist, by clicking: the forms
 * use checklists and plain fields only (Tasklist 7.24's form-js keeps Complete disabled after edits in a dynamic list,
 * bpmn-io/form-js#1494).
 */
@IntegrationTest
class CohortBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    TestJourneys people;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCohortIsFormedItsAttendanceAndResultsRecordedInTasklist() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String caseRef = people.participantCase("tetemvar", 1990, "unemployed", 90000, true, true);
            people.acceptedInto(caseRef, "open-door");
            members.add(caseRef);
        }
        Collections.sort(members); // the lists are in case reference order
        identityService.setAuthentication("coordinator", List.of("coordinators"));
        ProcessInstance cohort;
        try {
            cohort = runtimeService.startProcessInstanceByKey("cohort",
                    Map.of("districtCode", "tetemvar", "package", "open-door", "cohortName", "Adósságkezelés"));
        } finally {
            identityService.clearAuthentication();
        }
        String base = "http://localhost:" + port + "/camunda/app/tasklist/default/";
        String select = taskService.createTaskQuery().processInstanceId(cohort.getId()).singleResult().getId();
        try (Browser browser = new Browser("hu")) {
            browser.open(base);
            browser.login("coordinator", "demo");
            browser.awaitText("Saját feladataim");
            browser.open(base + "#/?task=" + select);
            browser.awaitText("Résztvevők");
            browser.clickButton("Magamhoz veszem");
            browser.tickOption("Résztvevők", 0);
            browser.tickOption("Résztvevők", 1);
            browser.chooseFirst("Foglalkozásvezető");
            browser.typeDate("Az első alkalom napja", LocalDate.now().plusDays(7));
            browser.typeAndLeave("Alkalmak száma", "2");
            browser.typeAndLeave("Témák", "Bevételek és kiadások\nTartozások rendezése");
            browser.screenshot("cohort-members");
            assertThat(browser.formErrors()).isEmpty();
            browser.clickButton("Befejezés");
            TasklistBrowserTest.await(() -> taskService.createTaskQuery().taskId(select).count() == 0, browser);
            UUID cohortId = UUID.fromString((String) runtimeService.getVariable(cohort.getId(), "cohortId"));
            assertThat(jdbc.queryForList("select session_date || ':' || topic from cohort_session where cohort_id = ? "
                    + "order by session_no", String.class, cohortId)).containsExactly(
                    LocalDate.now().plusDays(7) + ":Bevételek és kiadások",
                    LocalDate.now().plusDays(14) + ":Tartozások rendezése");

            // session 1: the facilitator ticks who was there, by clicking
            fireTimer(cohort);
            String attendance = task(cohort);
            browser.logout(base);
            browser.login("opendoor", "demo");
            browser.awaitText("Saját feladataim");
            browser.open(base + "#/?task=" + attendance);
            browser.awaitText("Kilépett a csoportból");
            browser.tickOption("Jelen volt", 0);
            browser.typeAndLeave("Megjegyzés az alkalomhoz", "A második résztvevő beteg volt.");
            browser.screenshot("cohort-attendance");
            assertThat(browser.formErrors()).isEmpty();
            browser.clickButton("Befejezés");
            TasklistBrowserTest.await(() -> taskService.createTaskQuery().taskId(attendance).count() == 0, browser);
            assertThat(jdbc.queryForList("select p.case_ref || ':' || a.present from cohort_attendance a "
                    + "join cohort_session s on s.id = a.session_id join participant p on p.id = a.participant_id "
                    + "where s.cohort_id = ? and s.session_no = 1 order by p.case_ref", String.class, cohortId))
                    .containsExactly(members.get(0) + ":true", members.get(1) + ":false");
            assertThat(jdbc.queryForObject("select note || ':' || recorded_by from cohort_session "
                    + "where cohort_id = ? and session_no = 1", String.class, cohortId))
                    .isEqualTo("A második résztvevő beteg volt.:opendoor");

            // session 2 through the engine: both there
            fireTimer(cohort);
            taskService.complete(task(cohort), Map.of("presentCaseRefs", members, "leftCaseRefs", List.of(),
                    "attendanceNote", ""));

            // results, by clicking: the first completed, the second partially
            String results = task(cohort);
            browser.open(base + "#/?task=" + results);
            browser.awaitText("Részben teljesítette");
            browser.tickOption("Teljesítette", 0);
            browser.tickOption("Részben teljesítette", 1);
            browser.screenshot("cohort-results");
            assertThat(browser.formErrors()).isEmpty();
            browser.clickButton("Befejezés");
            TasklistBrowserTest.await(() -> taskService.createTaskQuery().taskId(results).count() == 0, browser);
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(cohort.getId()).count()).isZero();
        assertThat(jdbc.queryForList("select m.case_ref || ':' || m.result || ':' || j.result from cohort_member m "
                + "join journey_milestone j on j.participant_id = m.participant_id and j.milestone = 'group-result' "
                + "where m.cohort_id = (select id from cohort where process_instance_id = ?) order by m.case_ref",
                String.class, cohort.getId())).containsExactly(members.get(0) + ":completed:completed",
                members.get(1) + ":partial:partial");
    }

    private void fireTimer(ProcessInstance cohort) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(cohort.getId())
                .timers().singleResult().getId());
    }

    private String task(ProcessInstance cohort) {
        return taskService.createTaskQuery().processInstanceId(cohort.getId()).singleResult().getId();
    }
}
