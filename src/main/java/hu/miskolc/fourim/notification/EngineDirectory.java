package hu.miskolc.fourim.notification;

import java.util.List;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Looks up recipients in the engine's identity service. Mails are queued from inside engine commands run on behalf
 * of whoever caused them (a worker claiming a task in Tasklist); finding the recipient's address must not depend on
 * what that person may read, so the look-ups run without the engine's authorization checks.
 */
@Component
class EngineDirectory {

    private final IdentityService identityService;

    EngineDirectory(IdentityService identityService) {
        this.identityService = identityService;
    }

    User user(String userId) {
        if (userId == null || userId.isBlank()) {
            return null;
        }
        return withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult());
    }

    List<User> members(String groupId) {
        return withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(groupId)
                .orderByUserId().asc().list());
    }

    List<User> allUsers() {
        return withoutAuthorization(() -> identityService.createUserQuery().orderByUserId().asc().list());
    }

    /** The user on whose behalf the current engine command runs, if any. */
    String currentUserId() {
        var authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private <T> T withoutAuthorization(Callable<T> lookup) {
        CommandContext commandContext = Context.getCommandContext();
        try {
            if (commandContext != null) {
                return commandContext.runWithoutAuthorization(lookup);
            }
            var authentication = identityService.getCurrentAuthentication();
            if (authentication == null) {
                return lookup.call();
            }
            identityService.clearAuthentication();
            try {
                return lookup.call();
            } finally {
                identityService.setAuthentication(authentication);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
