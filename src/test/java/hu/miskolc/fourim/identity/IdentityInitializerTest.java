package hu.miskolc.fourim.identity;

import static org.assertj.core.api.Assertions.assertThat;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class IdentityInitializerTest {

    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityInitializer initializer;

    @Test
    void everyContractGroupExists() {
        assertThat(identityService.createGroupQuery().list()).extracting(Group::getId)
                .contains("coordinators", "coaches", "field-assistants", "employment-advisers", "service-access",
                        "case-administrators", "council", "managers", "wg-employment", "wg-education",
                        "wg-living-conditions", "wg-open-door", "wg-motivation", "camunda-admin");
    }

    @Test
    void demoUsersHaveTheirGroupsAndEmails() {
        assertThat(identityService.checkPassword("coordinator", "demo")).isTrue();
        assertThat(identityService.createUserQuery().userId("living").singleResult().getEmail())
                .isEqualTo("living@demo.4im.local");
        assertThat(identityService.createUserQuery().memberOfGroup("council").count()).isEqualTo(3);
        assertThat(identityService.createUserQuery().userId("opendoor").memberOfGroup("wg-open-door").count())
                .isEqualTo(1);
        assertThat(identityService.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count())
                .isEqualTo(1);
    }

    @Test
    void runningAgainChangesNothing() {
        long groups = identityService.createGroupQuery().count();
        long users = identityService.createUserQuery().count();
        long authorizations = authorizationService.createAuthorizationQuery().count();
        long filters = filterService.createFilterQuery().count();

        initializer.initialize();

        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
    }

    @Test
    void taskGrantsFromBeforeTheVariablePermissionLetTheirWorkersReadTheTaskVariables() {
        String taskId = "before-" + java.util.UUID.randomUUID();
        Authorization worker = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        worker.setGroupId("coaches");
        worker.setResource(Resources.TASK);
        worker.setResourceId(taskId);
        worker.addPermission(Permissions.READ);
        worker.addPermission(TaskPermissions.TASK_WORK);
        authorizationService.saveAuthorization(worker);
        Authorization readOnly = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        readOnly.setGroupId("council");
        readOnly.setResource(Resources.TASK);
        readOnly.setResourceId(taskId);
        readOnly.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(readOnly);

        initializer.initialize();

        assertThat(authorizationService.isUserAuthorized("coach", java.util.List.of("coaches"),
                TaskPermissions.READ_VARIABLE, Resources.TASK, taskId)).isTrue();
        assertThat(authorizationService.isUserAuthorized("council1", java.util.List.of("council"),
                TaskPermissions.READ_VARIABLE, Resources.TASK, taskId)).isFalse();
        authorizationService.deleteAuthorization(worker.getId());
        authorizationService.deleteAuthorization(readOnly.getId());
    }

    @Test
    void advisersMayNotDeployButManagersMay() {
        assertThat(authorizationService.isUserAuthorized("adviser", java.util.List.of("employment-advisers"),
                Permissions.CREATE, Resources.DEPLOYMENT)).isFalse();
        assertThat(authorizationService.isUserAuthorized("manager", java.util.List.of("managers"),
                Permissions.CREATE, Resources.DEPLOYMENT)).isTrue();
    }
}
