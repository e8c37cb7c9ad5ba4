package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tuned engine answers exactly what its own authorization check allows: the task list through each of the three
 * kinds of grant the rewritten join matches (on the task itself, on its process definition, on every task), and the
 * groups with grants read from the index.
 */
@IntegrationTest
@SuppressWarnings({"rawtypes", "unchecked"})
class EngineQueryTuningTest {

    private static final String DISTRICT = "babonyiberc";
    private static final String VISIT = "/engine-rest/task?processDefinitionKey=household-survey"
            + "&taskDefinitionKey=Task_VisitHousehold&maxResults=1000";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theEngineRunsWithTheRewriteTheIndexAndTheStatistics() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getSqlSessionFactory().getConfiguration().getInterceptors())
                .hasAtLeastOneElementOfType(TaskQueryRewrite.class)
                .hasAtLeastOneElementOfType(AuthorizedGroupsQuery.class);
        assertThat(jdbc.queryForList("select indexname from pg_indexes where indexname like 'fourim_idx_%'", String.class))
                .contains("fourim_idx_task_due_date", "fourim_idx_task_parent", "fourim_idx_candidate_due_date");
        assertThat(jdbc.queryForList("select stxname from pg_statistic_ext order by 1", String.class))
                .contains("fourim_auth_perm_read", "fourim_auth_perm_read_task");
    }

    @Test
    void aGrantOnTheTaskOnTheDefinitionOrOnEveryTaskShowsTheTaskAndNothingElse() {
        String address = "Hangolás utca " + UUID.randomUUID();
        String instance = runtimeService.startProcessInstanceByKey("household-survey",
                Map.of("districtCode", DISTRICT, "address", address)).getId();
        Task visit = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        String perTask = user("tuning-task");
        String perDefinition = user("tuning-definition");
        String everyTask = user("tuning-every");
        String none = user("tuning-none");
        grant(perTask, Resources.TASK, visit.getId(), TaskPermissions.READ);
        grant(perDefinition, Resources.PROCESS_DEFINITION, "household-survey", ProcessDefinitionPermissions.READ_TASK);
        grant(everyTask, Resources.TASK, Authorization.ANY, TaskPermissions.READ);

        // the engine's own answer without our SQL: every open visit of the district
        List<String> allVisits = taskService.createTaskQuery().processDefinitionKey("household-survey")
                .taskDefinitionKey("Task_VisitHousehold").tenantIdIn(DISTRICT).list().stream().map(Task::getId).toList();

        long rewrittenBefore = rewrite().joinsRewritten();
        assertThat(ids(perTask)).containsExactly(visit.getId());
        // the engine's SQL still has the shape the rewrite expects
        assertThat(rewrite().joinsRewritten()).isGreaterThan(rewrittenBefore);
        assertThat(ids(perDefinition)).containsExactlyInAnyOrderElementsOf(allVisits);
        assertThat(ids(everyTask)).containsExactlyInAnyOrderElementsOf(allVisits);
        assertThat(ids(none)).isEmpty();
        // the count goes through the same join, and a task with two matching grants is counted once
        grant(perDefinition, Resources.TASK, visit.getId(), TaskPermissions.READ);
        assertThat(ids(perDefinition)).containsExactlyInAnyOrderElementsOf(allVisits);
        assertThat(count(perDefinition)).isEqualTo(allVisits.size());
        assertThat(count(perTask)).isOne();
        assertThat(count(none)).isZero();
    }

    @Test
    void aWorkingGroupSortedByDueDateGetsTheSameFirstPageAsTheEngineComputesUnchecked() {
        for (int i = 0; i < 3; i++) {
            runtimeService.startProcessInstanceByKey("household-survey",
                    Map.of("districtCode", DISTRICT, "address", "Sorrend utca " + UUID.randomUUID()));
        }
        // what the user's groups and districts allow, computed by the engine with its check off
        String[] districts = identityService.createTenantQuery().userMember("field").includingGroupsOfUser(true).list()
                .stream().map(t -> t.getId()).toArray(String[]::new);
        List<String> expected = taskService.createTaskQuery().taskCandidateGroup("field-assistants").taskUnassigned()
                .tenantIdIn(districts).orderByDueDate().asc().orderByTaskId().asc().listPage(0, 15).stream()
                .map(Task::getId).toList();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String query = """
                {"candidateGroup": "field-assistants", "unassigned": true,
                 "sorting": [{"sortBy": "dueDate", "sortOrder": "asc"}, {"sortBy": "id", "sortOrder": "asc"}]}
                """;
        ResponseEntity<List> page = rest.withBasicAuth("field", "demo").postForEntity(
                "/engine-rest/task?firstResult=0&maxResults=15", new HttpEntity<>(query, headers), List.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((List<Map>) page.getBody()).stream().map(t -> (String) t.get("id")).toList())
                .isNotEmpty().isEqualTo(expected);
    }

    @Test
    void aGroupsListByDueDateComesFromTheCandidateLinksInTheEnginesOrderAndFollowsDueDateChanges() {
        String group = "tuning-group-" + UUID.randomUUID().toString().substring(0, 8);
        identityService.saveGroup(identityService.newGroup(group));
        String member = user("tuning-member");
        identityService.createMembership(member, group);
        // five visits of the group, due in 3, 1, never, 2 and 5 days
        java.time.Instant now = java.time.Instant.now();
        Integer[] dueInDays = {3, 1, null, 2, 5};
        List<String> tasks = new java.util.ArrayList<>();
        for (Integer days : dueInDays) {
            String instance = runtimeService.startProcessInstanceByKey("household-survey",
                    Map.of("districtCode", DISTRICT, "address", "Határidő utca " + UUID.randomUUID())).getId();
            Task visit = taskService.createTaskQuery().processInstanceId(instance).singleResult();
            visit.setDueDate(days == null ? null : java.util.Date.from(now.plus(java.time.Duration.ofDays(days))));
            taskService.saveTask(visit);
            taskService.addCandidateGroup(visit.getId(), group);
            tasks.add(visit.getId());
        }

        long before = rewrite().dueDateOrdersRewritten();
        List<String> ascending = page(member, group, "asc", 0, 15);
        assertThat(rewrite().dueDateOrdersRewritten()).isGreaterThan(before);
        assertThat(ascending).containsExactly(tasks.get(1), tasks.get(3), tasks.get(0), tasks.get(4), tasks.get(2))
                .isEqualTo(reference(group, "asc"));
        assertThat(page(member, group, "asc", 3, 15)).containsExactly(tasks.get(4), tasks.get(2));
        assertThat(page(member, group, "desc", 0, 15)).isEqualTo(reference(group, "desc"))
                .containsExactly(tasks.get(2), tasks.get(4), tasks.get(0), tasks.get(3), tasks.get(1));

        // the due date changes: the last becomes the first, the one without a date gets one
        for (int i : new int[] {4, 2}) {
            Task task = taskService.createTaskQuery().taskId(tasks.get(i)).singleResult();
            task.setDueDate(java.util.Date.from(now.plus(java.time.Duration.ofHours(i == 4 ? 1 : 36))));
            taskService.saveTask(task);
        }
        assertThat(page(member, group, "asc", 0, 15)).isEqualTo(reference(group, "asc"))
                .containsExactly(tasks.get(4), tasks.get(1), tasks.get(2), tasks.get(3), tasks.get(0));
        // a claimed task leaves the group's list of unassigned tasks
        taskService.claim(tasks.get(4), member);
        assertThat(page(member, group, "asc", 0, 2)).containsExactly(tasks.get(1), tasks.get(2));
    }

    /** The group's unassigned tasks in due-date order, straight from the engine's tables. */
    private List<String> reference(String group, String direction) {
        return jdbc.queryForList("select t.id_ from act_ru_task t where t.assignee_ is null and exists (select 1 from"
                + " act_ru_identitylink i where i.task_id_ = t.id_ and i.type_ = 'candidate' and i.group_id_ = ?)"
                + " order by t.due_date_ " + direction + ", t.rev_, t.id_", String.class, group);
    }

    private List<String> page(String userId, String group, String direction, int first, int max) {
        ResponseEntity<List> response = rest.withBasicAuth(userId, "tuning-" + userId).getForEntity(
                "/engine-rest/task?candidateGroup={group}&sortBy=dueDate&sortOrder={direction}"
                        + "&firstResult={first}&maxResults={max}", List.class, group, direction, first, max);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map>) response.getBody()).stream().map(t -> (String) t.get("id")).toList();
    }

    @Test
    void theGroupsWithGrantsComeFromTheIndexAndAreTheSameSet() {
        long before = interceptor(AuthorizedGroupsQuery.class).rewrittenQueries();
        // a command of an authenticated user with groups asks for them
        ResponseEntity<List> tasks = rest.withBasicAuth("field", "demo").getForEntity(VISIT, List.class);
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(interceptor(AuthorizedGroupsQuery.class).rewrittenQueries()).isGreaterThan(before);
        String indexed = new AuthorizedGroupsQuery().rewrite("SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A");
        assertThat(jdbc.queryForList(indexed, String.class)).isNotEmpty().containsExactlyInAnyOrderElementsOf(
                jdbc.queryForList("select distinct group_id_ from act_ru_authorization where group_id_ is not null",
                        String.class));
    }

    private TaskQueryRewrite rewrite() {
        return interceptor(TaskQueryRewrite.class);
    }

    private <T> T interceptor(Class<T> type) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getSqlSessionFactory().getConfiguration().getInterceptors().stream()
                .filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private String user(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        User user = identityService.newUser(id);
        user.setPassword("tuning-" + id);
        identityService.saveUser(user);
        identityService.createTenantUserMembership(DISTRICT, id);
        return id;
    }

    private void grant(String userId, Resources resource, String resourceId,
                       org.camunda.bpm.engine.authorization.Permission permission) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(userId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        authorizationService.saveAuthorization(authorization);
    }

    private List<String> ids(String userId) {
        ResponseEntity<List> response = rest.withBasicAuth(userId, "tuning-" + userId).getForEntity(VISIT, List.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map>) response.getBody()).stream().map(t -> (String) t.get("id")).toList();
    }

    private long count(String userId) {
        ResponseEntity<Map> response = rest.withBasicAuth(userId, "tuning-" + userId)
                .getForEntity(VISIT.replace("/task?", "/task/count?"), Map.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((Number) response.getBody().get("count")).longValue();
    }
}
