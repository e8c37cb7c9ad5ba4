package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class KpiLateAndWelfareTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestJourneys journeys;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;

    @Test
    void welfareDistributionAndChangeOnReSurvey() {
        KpiFixtures fixtures = new KpiFixtures(jdbc);
        String district = fixtures.district("kpi-welfare");
        UUID a = fixtures.household(district, "2023-01-10T10:00:00+01:00");
        UUID b = fixtures.household(district, "2023-01-11T10:00:00+01:00");
        UUID c = fixtures.household(district, "2023-05-11T10:00:00+02:00");
        fixtures.welfare(a, district, 1, 15, "2023-01-10T10:00:00+01:00");
        fixtures.welfare(a, district, 2, 45, "2024-01-10T10:00:00+01:00");
        fixtures.welfare(b, district, 1, 30, "2023-01-11T10:00:00+01:00");
        fixtures.welfare(b, district, 2, 40, "2024-01-11T10:00:00+01:00");
        fixtures.welfare(c, district, 1, 100, "2023-05-11T10:00:00+02:00");

        Map body = get("coordinator", "/api/kpi/welfare?district=" + district).getBody();
        Map d = (Map) ((Map) body.get("byDistrict")).get(district);
        assertThat(d).containsEntry("households", 3).containsEntry("resurveyed", 2)
                .containsEntry("firstAverage", 48.3).containsEntry("resurveyedFirstAverage", 22.5)
                .containsEntry("resurveyedLatestAverage", 42.5).containsEntry("averageChange", 20.0);
        assertThat((Map) d.get("firstSurvey")).containsEntry("0-19", 1).containsEntry("20-39", 1)
                .containsEntry("80-100", 1).containsEntry("40-59", 0);
        assertThat((Map) d.get("latestSurvey")).containsEntry("40-59", 2).containsEntry("80-100", 1)
                .containsEntry("0-19", 0);

        // the period selects households by their first survey
        Map january = (Map) ((Map) get("manager", "/api/kpi/welfare?district=" + district
                + "&from=2023-01-01&to=2023-01-31").getBody().get("byDistrict")).get(district);
        assertThat(january).containsEntry("households", 2).containsEntry("averageChange", 20.0);

        String empty = fixtures.district("kpi-welfare-empty");
        Map none = (Map) ((Map) get("coordinator", "/api/kpi/welfare?district=" + empty).getBody().get("byDistrict"))
                .get(empty);
        assertThat(none).containsEntry("households", 0).containsEntry("averageChange", null);
    }

    @Test
    void lateReferralsAndOpenCouncilItemsAreListedWithLinks() {
        ProcessInstance journey = journeys.startJourney("Késő", "tetemvar");
        journeys.consentAndAssess(journey, Map.of("readyForWork", true));
        String caseRef = journeys.caseRef(journey);
        var referral = taskService.createTaskQuery().processInstanceId(journey.getId())
                .taskDefinitionKey("Task_AcceptReferral").list();
        assertThat(referral).isNotEmpty();
        jdbc.update("update act_ru_task set create_time_ = now() - interval '10 days' where proc_inst_id_ = ? "
                + "and task_def_key_ = 'Task_AcceptReferral'", journey.getId());
        String reference = "T-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into council_item (id, reference, kind, district_code, title, question, submitted_by, "
                + "status) values (?, ?, 'proposal', 'tetemvar', 'Késő javaslat', 'Mi legyen?', 'coordinator', "
                + "'submitted')", UUID.randomUUID(), reference);

        Map late = get("coordinator", "/api/kpi/late?district=tetemvar&days=7").getBody();
        Map waiting = (Map) late.get("waitingReferrals");
        assertThat(waiting).containsEntry("days", 7);
        assertThat((List<Map>) waiting.get("items")).filteredOn(i -> caseRef.equals(i.get("caseRef")))
                .singleElement().satisfies(i -> assertThat((String) i.get("link"))
                        .isEqualTo("/camunda/app/tasklist/default/#/?task=" + referral.get(0).getId()));
        assertThat((List<Map>) ((Map) late.get("openCouncilItems")).get("items"))
                .anySatisfy(i -> assertThat(i).containsEntry("reference", reference));
        assertThat((Map) late.get("overdueFollowUps")).containsKeys("count", "items");

        // eleven days: this referral has not waited that long
        Map longer = get("coordinator", "/api/kpi/late?district=tetemvar&days=11").getBody();
        assertThat((List<Map>) ((Map) longer.get("waitingReferrals")).get("items"))
                .noneMatch(i -> caseRef.equals(i.get("caseRef")));
        // another district does not see it
        Map other = get("coordinator", "/api/kpi/late?district=babonyiberc&days=7").getBody();
        assertThat((List<Map>) ((Map) other.get("openCouncilItems")).get("items"))
                .noneMatch(i -> reference.equals(i.get("reference")));

        ResponseEntity<Map> bad = get("coordinator", "/api/kpi/late?days=0");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) bad.getBody().get("message")).contains("days");
        assertThat(get("adviser", "/api/kpi/late").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void withAPackageOnlyItsLateItemsAreListed() {
        // a: cooperating, no barrier → motivation only; through to the first follow-up, which is long overdue
        ProcessInstance a = journeys.startJourney("Motivált", "tetemvar");
        journeys.consentAndAssess(a, Map.of());
        complete(a, "Task_AcceptReferral", Map.of("referralDecision", "accept"));
        complete(a, "Task_ActionPlan", Map.of("planGoals", "Közösségi program", "agreedWithParticipant", true));
        complete(a, "Task_ServiceGiven", Map.of("serviceDescription", "Gyerekprogram"));
        complete(a, "Task_ServiceEffect", Map.of("effect", "unchanged"));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(a.getId())
                .activityId("Timer_NextFollowUp").singleResult().getId());
        Task followUp = taskService.createTaskQuery().processInstanceId(a.getId()).taskDefinitionKey("Task_FollowUp")
                .singleResult();
        followUp.setDueDate(Date.from(Instant.parse("2001-01-01T10:00:00Z")));
        taskService.saveTask(followUp);
        String aCase = journeys.caseRef(a);
        // b: ready for work → an employment referral waiting for 300 days
        ProcessInstance b = journeys.startJourney("Munkakész", "tetemvar");
        journeys.consentAndAssess(b, Map.of("readyForWork", true));
        jdbc.update("update act_ru_task set create_time_ = now() - interval '300 days' where proc_inst_id_ = ? "
                + "and task_def_key_ = 'Task_AcceptReferral'", b.getId());
        String bCase = journeys.caseRef(b);
        // a council item of a's case, and a proposal (no case: not part of any package)
        String caseItem = "P-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into council_item (id, reference, kind, district_code, case_ref, participant_id, title, "
                + "question, submitted_by, status) values (?, ?, 'case', 'tetemvar', ?, ?, 'Késő ügy', 'Mi legyen?', "
                + "'coach', 'submitted')", UUID.randomUUID(), caseItem, aCase, journeys.participantId(a));
        String proposal = "P-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into council_item (id, reference, kind, district_code, title, question, submitted_by, "
                + "status) values (?, ?, 'proposal', 'tetemvar', 'Javaslat', 'Mi legyen?', 'coordinator', "
                + "'submitted')", UUID.randomUUID(), proposal);

        Map motivation = get("coordinator", "/api/kpi/late?district=tetemvar&package=motivation").getBody();
        Map overdue = (Map) motivation.get("overdueFollowUps");
        assertThat(((Number) overdue.get("count")).intValue()).isPositive();
        assertThat((List<Map>) overdue.get("items")).filteredOn(i -> aCase.equals(i.get("caseRef"))).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("district", "tetemvar")
                        .containsEntry("link", "/camunda/app/tasklist/default/#/?task=" + followUp.getId())
                        .containsEntry("due", "2001-01-01T10:00:00Z"));
        assertThat((List<Map>) ((Map) motivation.get("waitingReferrals")).get("items"))
                .noneMatch(i -> bCase.equals(i.get("caseRef")));
        assertThat((List<Map>) ((Map) motivation.get("openCouncilItems")).get("items"))
                .anyMatch(i -> caseItem.equals(i.get("reference"))).noneMatch(i -> proposal.equals(i.get("reference")));

        Map employment = get("manager", "/api/kpi/late?district=tetemvar&package=employment").getBody();
        assertThat((List<Map>) ((Map) employment.get("overdueFollowUps")).get("items"))
                .noneMatch(i -> aCase.equals(i.get("caseRef")));
        assertThat((List<Map>) ((Map) employment.get("waitingReferrals")).get("items"))
                .anyMatch(i -> bCase.equals(i.get("caseRef")));
        assertThat((List<Map>) ((Map) employment.get("openCouncilItems")).get("items"))
                .noneMatch(i -> caseItem.equals(i.get("reference")));

        // without a package everything is there
        Map all = get("coordinator", "/api/kpi/late?district=tetemvar").getBody();
        assertThat((List<Map>) ((Map) all.get("overdueFollowUps")).get("items"))
                .anyMatch(i -> aCase.equals(i.get("caseRef")));
        assertThat((List<Map>) ((Map) all.get("openCouncilItems")).get("items"))
                .anyMatch(i -> caseItem.equals(i.get("reference"))).anyMatch(i -> proposal.equals(i.get("reference")));
    }

    private void complete(ProcessInstance journey, String taskKey, Map<String, Object> variables) {
        taskService.complete(taskService.createTaskQuery().processInstanceId(journey.getId())
                .taskDefinitionKey(taskKey).singleResult().getId(), variables);
    }

    private ResponseEntity<Map> get(String user, String path) {
        return rest.withBasicAuth(user, "demo").getForEntity(path, Map.class);
    }
}
