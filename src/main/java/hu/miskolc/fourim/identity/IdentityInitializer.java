package hu.miskolc.fourim.identity;

import static hu.miskolc.fourim.identity.Groups.CAMUNDA_ADMIN;
import static hu.miskolc.fourim.identity.Groups.CASE_ADMINISTRATORS;
import static hu.miskolc.fourim.identity.Groups.COORDINATORS;
import static hu.miskolc.fourim.identity.Groups.COUNCIL;
import static hu.miskolc.fourim.identity.Groups.MANAGERS;
import static hu.miskolc.fourim.identity.Groups.WORKERS;
import static hu.miskolc.fourim.identity.Groups.WORKING_GROUPS;

import java.util.Map;

import hu.miskolc.fourim.benefit.BenefitApplicationProcess;
import hu.miskolc.fourim.cohort.CohortProcess;
import hu.miskolc.fourim.district.DistrictTenants;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import static org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM;
import static org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's identity match the contract at every start, idempotently: the groups, their authorizations,
 * the shared Tasklist filters and, in the demo profile, the demo users. Existing entries are kept (an administrator
 * may have changed names or added grants); only what is missing is added.
 */
@Component
class IdentityInitializer {

    private static final Logger log = LoggerFactory.getLogger(IdentityInitializer.class);
    private static final String ANY = "*";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final boolean demoUsers;
    private final DistrictTenants districtTenants;
    private final JdbcTemplate jdbc;

    IdentityInitializer(IdentityService identityService, AuthorizationService authorizationService,
                        FilterService filterService, TaskService taskService, DistrictTenants districtTenants,
                        JdbcTemplate jdbc, @Value("${fourim.identity.demo-users:false}") boolean demoUsers) {
        this.districtTenants = districtTenants;
        this.jdbc = jdbc;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.demoUsers = demoUsers;
    }

    @EventListener(ApplicationStartedEvent.class)
    void initialize() {
        Groups.ALL.forEach(this::ensureGroup);
        grantWorkerBasics();
        grantCoordinators();
        grantProcessStarters();
        grantManagers();
        grantAdmins();
        letTaskWorkersReadTaskVariables();
        ensureFilters();
        if (demoUsers) {
            DemoUsers.ALL.forEach(this::ensureDemoUser);
            ensureMembership("admin", CAMUNDA_ADMIN);
            log.warn("Demo users are active (password 'demo'); run with SPRING_PROFILES_ACTIVE=prod in production");
        }
        districtTenants.synchronizeTenants();
    }

    private void ensureGroup(Groups.Definition definition) {
        if (identityService.createGroupQuery().groupId(definition.id()).count() == 0) {
            Group group = identityService.newGroup(definition.id());
            group.setName(definition.name());
            group.setType(CAMUNDA_ADMIN.equals(definition.id()) ? GROUP_TYPE_SYSTEM : GROUP_TYPE_WORKFLOW);
            identityService.saveGroup(group);
        }
    }

    /** Everyone who works tasks: Tasklist, the shared filters, names of colleagues and of the processes. */
    private void grantWorkerBasics() {
        for (String group : WORKERS) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, ANY, Permissions.READ);
            grant(group, Resources.USER, ANY, Permissions.READ);
            grant(group, Resources.GROUP, ANY, Permissions.READ);
            grant(group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        }
        // Tasks themselves are visible only through candidate-group links (granted by the engine per task).
    }

    /**
     * Coordinators start surveys and watch where every participant is (Cockpit, read-only, also the KPI plugin):
     * instances, their activities and history, but not their variables (no READ_INSTANCE_VARIABLE or
     * READ_HISTORY_VARIABLE; enforceSpecificVariablePermission in application.yml).
     */
    private void grantCoordinators() {
        grant(COORDINATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(COORDINATORS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        grant(COORDINATORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.CREATE_INSTANCE,
                ProcessDefinitionPermissions.TASK_ASSIGN);
        grant(COORDINATORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(COUNCIL, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }

    /**
     * Who starts which process besides the coordinators (who may start any): case administrators file benefit
     * applications, working groups form cohorts. Council members start nothing (their items come from cases and coordinators).
     */
    private void grantProcessStarters() {
        grant(CASE_ADMINISTRATORS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        grant(CASE_ADMINISTRATORS, Resources.PROCESS_DEFINITION, BenefitApplicationProcess.KEY,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        for (String workingGroup : WORKING_GROUPS) {
            grant(workingGroup, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
            grant(workingGroup, Resources.PROCESS_DEFINITION, CohortProcess.KEY,
                    ProcessDefinitionPermissions.CREATE_INSTANCE);
        }
    }

    /** Managers own the models: deploy, version, migrate. */
    private void grantManagers() {
        grant(MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.ALL);
        grant(MANAGERS, Resources.PROCESS_DEFINITION, ANY, Permissions.ALL);
        grant(MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.ALL);
        grant(MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.ALL);
        grant(MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.ALL);
        grant(MANAGERS, Resources.BATCH, ANY, Permissions.ALL);
    }

    /**
     * With {@code enforceSpecificVariablePermission} (application.yml) a task's variables need READ_VARIABLE on the
     * task: the engine grants it to candidates and assignees of new tasks, and this adds it to the task grants made
     * before the setting was switched on (those with the task-work or update permission), so open tasks' forms still
     * load. Idempotent: a grant that has it already is left alone.
     */
    private void letTaskWorkersReadTaskVariables() {
        int readVariable = TaskPermissions.READ_VARIABLE.getValue();
        int updated = jdbc.update("update ACT_RU_AUTHORIZATION set PERMS_ = PERMS_ | ?, REV_ = REV_ + 1 "
                        + "where TYPE_ = ? and RESOURCE_TYPE_ = ? and (PERMS_ & ?) = 0 and (PERMS_ & ?) <> 0",
                readVariable, Authorization.AUTH_TYPE_GRANT, Resources.TASK.resourceType(), readVariable,
                TaskPermissions.TASK_WORK.getValue() | TaskPermissions.UPDATE.getValue());
        if (updated > 0) {
            log.info("Task variables readable for the candidates and assignees of {} existing task grants", updated);
        }
    }

    private void grantAdmins() {
        for (Resource resource : Resources.values()) {
            grant(CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
        Authorization authorization = existing != null ? existing
                : authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        if (existing == null) {
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = existing == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    private void ensureFilters() {
        ensureFilter("Saját feladataim", "A nekem kiosztott feladatok", -10,
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
        ensureFilter("Csoportjaim feladatai", "Csoportjaim még ki nem osztott feladatai", 0,
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .taskUnassigned());
    }

    private void ensureFilter(String name, String description, int priority, TaskQuery query) {
        if (filterService.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filterService.newTaskFilter(name);
        filter.setOwner("admin");
        filter.setQuery(query);
        filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
        filterService.saveFilter(filter);
    }

    private void ensureDemoUser(DemoUsers.DemoUser demo) {
        User user = identityService.createUserQuery().userId(demo.id()).singleResult();
        if (user == null) {
            user = identityService.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.email());
            user.setPassword(DemoUsers.PASSWORD);
            identityService.saveUser(user);
        }
        ensureMembership(demo.id(), demo.group());
    }

    private void ensureMembership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            return;
        }
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
