package hu.miskolc.fourim.notification;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;

/** Users and groups of the notification tests, created once in the shared test database. */
final class TestUsers {

    static final String DOMAIN = "test.4im.local";
    static final String PASSWORD = "test-password";

    private TestUsers() {
    }

    static String email(String userId) {
        return userId + "@" + DOMAIN;
    }

    static void ensureUser(IdentityService identityService, String userId, String firstName, String... groups) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName("Teszt");
            user.setEmail(email(userId));
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
        }
        for (String groupId : groups) {
            if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identityService.newGroup(groupId);
                group.setName(groupId);
                group.setType("WORKFLOW");
                identityService.saveGroup(group);
            }
            if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
                identityService.createMembership(userId, groupId);
            }
        }
    }
}
