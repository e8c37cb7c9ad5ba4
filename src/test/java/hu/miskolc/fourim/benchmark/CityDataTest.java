package hu.miskolc.fourim.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small city from the benchmark data generator, checked the way a user would: the tables grew by the spec, the KPI
 * summary of a generated district is plausible, a working group's member finds the open referrals of the new
 * districts in the task list, and the generated history opens in the history API. Runs after the other classes
 * (before the migration test): its districts, cases and history stay in the shared database.
 */
@IntegrationTest
@Order(Integer.MAX_VALUE - 2)
@SuppressWarnings({"rawtypes", "unchecked"})
class CityDataTest {

    private static final List<String> DISTRICTS = List.of("lyukobanya", "kosice-lunik-ix", "ozd-hetes");
    private static final String KEY = "participant-journey";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    HistoryService historyService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;

    @Test
    void aSmallCityGrowsTheTablesTheHistoryAndTheEngineAndShowsInKpiTasksAndHistory() {
        long participants = count("participant");
        long households = count("household");
        long finished = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count();
        long running = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count();

        CityData.Report report = CityData.generate(context, new CityData.Spec(1500, 1500, 40, 2, DISTRICTS));

        // tables: the participants of the spec plus one per running instance, about 1.3 per household
        assertThat(count("participant")).isEqualTo(participants + 1540);
        assertThat(count("household") - households).isBetween(1300L, 1600L);
        assertThat(report.rowCounts()).containsEntry("participant", participants + 1540);
        // every stage occurs in the generated districts; people at intake are only those surveyed in the last two
        // weeks (under 1% of three years) plus a tenth of the running instances, so the three districts are counted
        // together: a single district of ~500 people has none of them in about 3% of runs
        assertThat(jdbc.queryForList("select distinct status from participant "
                + "where district_code in ('lyukobanya', 'kosice-lunik-ix', 'ozd-hetes')", String.class))
                .contains("no-consent", "intake", "consented", "referred", "in-service", "closed");
        assertThat(jdbc.queryForObject("select count(*) from welfare_indicator w join household h on h.id = w.household_id "
                + "where h.district_code in ('lyukobanya', 'kosice-lunik-ix', 'ozd-hetes') and w.survey_round = 2",
                Long.class)).isPositive();

        // the districts are engine tenants with the city-wide groups
        for (String district : DISTRICTS) {
            assertThat(identityService.createTenantQuery().tenantId(district).groupMember("wg-employment").count())
                    .as(district).isOne();
        }

        // the KPI summary of a generated district counts its participants and lands near the target
        ResponseEntity<Map> kpi = rest.withBasicAuth("coordinator", "demo")
                .getForEntity("/api/kpi/summary?district=lyukobanya", Map.class);
        assertThat(kpi.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map body = kpi.getBody();
        long consenting = jdbc.queryForObject("select count(*) from participant where district_code = 'lyukobanya' "
                + "and consent_at is not null", Long.class);
        assertThat(((Number) body.get("participants")).longValue()).isEqualTo(consenting).isGreaterThan(200);
        assertThat(((Number) body.get("activationRate")).doubleValue()).isBetween(0.6, 0.95);
        assertThat(((Number) body.get("programmeRate")).doubleValue()).isBetween(0.4, 0.95);
        Map<String, Number> funnel = (Map<String, Number>) body.get("funnel");
        for (String stage : List.of("householdsPlanned", "householdsVisited", "householdsSurveyed", "consenting",
                "assessed", "referred", "accepted", "inService", "closed")) {
            assertThat(funnel.get(stage).intValue()).as(stage).isPositive();
        }
        Map<String, Map> packages = (Map<String, Map>) body.get("byPackage");
        assertThat(((Number) packages.get("employment").get("medianDaysToAccepted")).doubleValue()).isBetween(5.0, 60.0);
        // the chunks added their households' figures to the roll-up as they went (two connections side by side):
        // the roll-up is the one a rebuild from the tables makes, city-wide and per district
        TestRestTemplate coordinator = rest.withBasicAuth("coordinator", "demo");
        Map<String, Object> cityWide = coordinator.getForObject("/api/kpi/summary", Map.class);
        jdbc.queryForList("select kpi_rebuild()");
        assertThat(coordinator.getForObject("/api/kpi/summary", Map.class)).isEqualTo(cityWide);
        assertThat(coordinator.getForObject("/api/kpi/summary?district=lyukobanya", Map.class)).isEqualTo(body);

        // running instances: real engine instances, most waiting for a working group with a due date
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count())
                .isEqualTo(running + 40);
        List<Task> referrals = taskService.createTaskQuery().processDefinitionKey(KEY)
                .taskDefinitionKey("Task_AcceptReferral").tenantIdIn(DISTRICTS.toArray(String[]::new)).list();
        assertThat(referrals).hasSizeBetween(15, 40).allSatisfy(t -> assertThat(t.getDueDate()).isNotNull());
        List<Task> employment = taskService.createTaskQuery().taskCandidateGroup("wg-employment")
                .tenantIdIn(DISTRICTS.toArray(String[]::new)).orderByDueDate().asc().list();
        assertThat(employment).isNotEmpty().allSatisfy(t -> assertThat(t.getTaskDefinitionKey())
                .isEqualTo("Task_AcceptReferral"));
        assertThat(taskService.createTaskQuery().tenantIdIn(DISTRICTS.toArray(String[]::new))
                .taskDefinitionKeyIn("Task_IntakeConsent", "Task_NeedsAssessment", "Task_FollowUp", "Task_AcceptReferral")
                .count()).isEqualTo(40);
        // … and a member of the working group sees them through the REST API (authorization and tenant check on)
        ResponseEntity<List> list = rest.withBasicAuth("employment", "demo").getForEntity(
                "/engine-rest/task?candidateGroup=wg-employment&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50",
                List.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map>) list.getBody()).extracting(t -> t.get("id"))
                .containsAll(employment.stream().map(Task::getId).toList());
        String caseRef = employment.get(0).getProcessInstanceId();
        assertThat(runtimeService.getVariable(caseRef, "participantId")).isNotNull();

        // history: the completed journeys are there and open in the history API
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count())
                .isEqualTo(finished + 1500);
        String closedCase = jdbc.queryForObject("select case_ref from participant where district_code = 'lyukobanya' "
                + "and status = 'closed' and outcome = 'employed-full' limit 1", String.class);
        HistoricProcessInstance journey = historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(closedCase).singleResult();
        assertThat(journey.getTenantId()).isEqualTo("lyukobanya");
        assertThat(journey.getEndActivityId()).isEqualTo("EndEvent_Closed");
        assertThat(journey.getRemovalTime()).isAfter(journey.getEndTime());
        List<HistoricActivityInstance> steps = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(journey.getId()).orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list();
        assertThat(steps).extracting(HistoricActivityInstance::getActivityId).startsWith("StartEvent_JourneyStarted",
                "Task_IntakeConsent").contains("Task_AcceptReferral", "Task_JobPlacement").endsWith("EndEvent_Closed");
        assertThat(steps).allSatisfy(s -> assertThat(s.getEndTime()).isNotNull());
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(journey.getId()).finished()
                .list()).extracting(t -> t.getTaskDefinitionKey()).contains("Task_AcceptReferral", "Task_CloseCase");
        assertThat(historyService.createHistoricActivityStatisticsQuery(journey.getProcessDefinitionId()).includeFinished()
                .list()).isNotEmpty();
        ResponseEntity<List> activities = rest.withBasicAuth("coordinator", "demo").getForEntity(
                "/engine-rest/history/activity-instance?processInstanceId=" + journey.getId(), List.class);
        assertThat(activities.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(activities.getBody()).hasSize(steps.size());

        // appending: a second call adds on top, without colliding case references or addresses
        CityData.Report more = CityData.generate(context, new CityData.Spec(100, 150, 4, 1, DISTRICTS));
        assertThat(more.rowCounts()).containsEntry("participant", participants + 1540 + 104);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).finished().count())
                .isEqualTo(finished + 1650);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
