package hu.miskolc.fourim.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task's candidates get their grant whether the task is new in the command or already written; adding the same
 * candidate again merges into the one grant; the database is asked only about tasks it can hold.
 */
@IntegrationTest
class NewTaskGrantsTest extends ProcessTestSupport {

    private final List<String> standaloneTasks = new ArrayList<>();

    @BeforeEach
    void init() {
        initAssertions();
    }

    @AfterEach
    void removeStandaloneTasks() {
        standaloneTasks.forEach(id -> engine.getTaskService().deleteTask(id, true));
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private List<Authorization> grantsOn(String taskId) {
        return engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(taskId).list();
    }

    @Test
    void theEngineGrantsThroughOurProvider() {
        assertThat(configuration().getResourceAuthorizationProvider()).isInstanceOf(NewTaskGrants.Provider.class);
    }

    @Test
    void aNewTasksCandidateGroupMayReadWorkAndReadItsVariables() {
        ProcessInstance survey = startSurvey("tetemvar", "Jogosultság utca " + UUID.randomUUID());
        Task visit = taskAt(survey, "Task_VisitHousehold");

        assertThat(grantsOn(visit.getId())).singleElement().satisfies(grant -> {
            assertThat(grant.getGroupId()).isEqualTo("field-assistants");
            assertThat(grant.getAuthorizationType()).isEqualTo(Authorization.AUTH_TYPE_GRANT);
            assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue();
            assertThat(grant.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
            assertThat(grant.isPermissionGranted(TaskPermissions.READ_VARIABLE)).isTrue();
            assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isFalse();
        });
    }

    @Test
    void theSameCandidateAddedTwiceInOneCommandHasOneGrant() {
        // the services called inside a command join it: the task is written at its end, with its grants
        String taskId = configuration().getCommandExecutorTxRequired().execute(context -> {
            Task task = engine.getTaskService().newTask();
            task.setName("grant probe");
            engine.getTaskService().saveTask(task);
            assertThat(NewTaskGrants.Provider.createdInThisCommand(task.getId())).isTrue();
            engine.getTaskService().addCandidateGroup(task.getId(), "coaches");
            engine.getTaskService().addCandidateGroup(task.getId(), "coaches");
            engine.getTaskService().addCandidateUser(task.getId(), "coach");
            return task.getId();
        });
        standaloneTasks.add(taskId);

        assertThat(grantsOn(taskId)).hasSize(2)
                .allSatisfy(grant -> assertThat(grant.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue())
                .extracting(grant -> grant.getGroupId() == null ? "user " + grant.getUserId() : grant.getGroupId())
                .containsExactlyInAnyOrder("coaches", "user coach");
    }

    @Test
    void aCandidateAddedToAWrittenTaskJoinsItsExistingGrant() {
        Task task = engine.getTaskService().newTask();
        task.setName("grant probe");
        engine.getTaskService().saveTask(task);
        standaloneTasks.add(task.getId());
        engine.getTaskService().addCandidateGroup(task.getId(), "coaches");
        configuration().getCommandExecutorTxRequired().execute(context -> {
            assertThat(NewTaskGrants.Provider.createdInThisCommand(task.getId())).isFalse();
            return null;
        });

        // a later command: the grant is read from the database and kept as the one grant
        engine.getTaskService().addCandidateGroup(task.getId(), "coaches");
        engine.getTaskService().addCandidateGroup(task.getId(), "coordinators");

        assertThat(grantsOn(task.getId())).extracting(Authorization::getGroupId)
                .containsExactlyInAnyOrder("coaches", "coordinators");
    }
}
