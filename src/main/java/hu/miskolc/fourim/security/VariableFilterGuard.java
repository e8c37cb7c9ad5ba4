package hu.miskolc.fourim.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Need-to-know for queries by variable value. With {@code enforceSpecificVariablePermission} a coordinator sees
 * process instances and tasks but not their variables (first name, address, barriers). The engine's queries still
 * accept filters on variable values ({@code variables=healthIssue_eq_true}) without checking that permission, and
 * which instances match tells the value. This guard lets such a filter through only for someone who may read the
 * values anyway:
 * <ul>
 *   <li>whoever may read the variables of every process instance ({@code READ_INSTANCE_VARIABLE} on all process
 *       definitions: managers, administrators);
 *   <li>in a task query (Tasklist's search, a filter's list), whoever sees only the tasks they work on: a candidate
 *       may read the variables of those tasks, so the filter tells nothing new. Someone who sees tasks through a
 *       process-definition grant ({@code READ_TASK}, the coordinators) may not.
 * </ul>
 * Others get 403 with the reason. Applies to {@code /engine-rest} (after its Basic authentication) and to the
 * webapps' own APIs (with the login session's user).
 */
class VariableFilterGuard extends OncePerRequestFilter {

    static final String MESSAGE = "Változók (személyes adatok) értéke szerint ebben a szerepkörben nem lehet keresni. "
            + "(Filtering by variable values needs the permission to read them.)";

    /** Query parameters and JSON properties of the engine's queries that filter by variable values. */
    private static final Set<String> PARAMETERS = Set.of("variables", "processVariables", "taskVariables",
            "caseInstanceVariables", "caseExecutionVariables");
    private static final Pattern JSON_FILTER = Pattern.compile(
            "\"(variables|processVariables|taskVariables|caseInstanceVariables|caseExecutionVariables)\"\\s*:\\s*\\[\\s*\\{");
    private static final Pattern TASK_QUERY = Pattern.compile(
            ".*/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");

    private final IdentityService identityService;
    private final JdbcTemplate jdbc;

    VariableFilterGuard(IdentityService identityService, JdbcTemplate jdbc) {
        this.identityService = identityService;
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest forward = request;
        boolean filters = queryFilters(request.getQueryString());
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (!filters && contentType.startsWith("application/json")) {
            CachedBody body = CachedBody.of(request, ExpressionGuardFilter.MAX_INSPECTED_BODY);
            forward = body.wrap(request);
            filters = JSON_FILTER.matcher(new String(body.bytes(), StandardCharsets.UTF_8)).find();
        }
        if (filters) {
            Authentication user = user(request);
            // no user: the engine's own authentication answers (401) or the webapp refuses the request
            String path = request.getRequestURI();
            boolean taskQuery = TASK_QUERY.matcher(path).matches() && !path.contains("/history/");
            if (user != null && !mayFilter(user, taskQuery)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                ExpressionGuardFilter.writeError(response, "AuthorizationException", MESSAGE);
                return;
            }
        }
        chain.doFilter(forward, response);
    }

    static boolean queryFilters(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = ExpressionGuardFilter.decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (PARAMETERS.contains(name) && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private boolean mayFilter(Authentication user, boolean taskQuery) {
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (granted(user.getUserId(), groups, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE.getValue(), true)) {
            return true;
        }
        return taskQuery && !granted(user.getUserId(), groups, ProcessDefinitionPermissions.READ_TASK.getValue(), false);
    }

    /** Whether a grant on process definitions (on all of them, or on any one) gives the user the permission bit. */
    private boolean granted(String userId, List<String> groups, int permission, boolean onAll) {
        List<Object> args = new ArrayList<>(List.of(Authorization.AUTH_TYPE_GLOBAL, Authorization.AUTH_TYPE_GRANT,
                Resources.PROCESS_DEFINITION.resourceType(), permission, permission, userId));
        String groupCondition = "";
        if (!groups.isEmpty()) {
            groupCondition = " or GROUP_ID_ in (" + String.join(", ", Collections.nCopies(groups.size(), "?")) + ")";
            args.addAll(groups);
        }
        Integer count = jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION where TYPE_ in (?, ?) "
                + "and RESOURCE_TYPE_ = ? and (PERMS_ & ?) = ? and (USER_ID_ in (?, '*')" + groupCondition + ")"
                + (onAll ? " and RESOURCE_ID_ = '*'" : ""), Integer.class, args.toArray());
        return count != null && count > 0;
    }

    /** The user of an {@code /engine-rest} request (set by its authentication filter) or of the webapp session. */
    private Authentication user(HttpServletRequest request) {
        Authentication rest = identityService.getCurrentAuthentication();
        if (rest != null) {
            return rest;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null
                && authentications.getAuthenticationForProcessEngine("default") instanceof UserAuthentication login) {
            return new Authentication(login.getIdentityId(), login.getGroupIds());
        }
        return null;
    }
}
