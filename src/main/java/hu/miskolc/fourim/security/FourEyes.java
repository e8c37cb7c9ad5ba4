package hu.miskolc.fourim.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The four-eyes rule for approval tasks: a task whose variable {@value #EXCLUDED_USER} names a user (the model maps
 * it, e.g. {@code <camunda:inputParameter name="fourEyesExcludedUser">${preparedBy}</camunda:inputParameter>}) cannot
 * be claimed, assigned to, or completed by that user.
 *
 * <p>Enforced twice: at the REST edge ({@code /engine-rest} and Tasklist's {@code /camunda/api/engine}), where the
 * request is refused with 403 and a Hungarian message before the engine is touched, and in the engine by the task
 * listener {@code ${fourEyesGuard}} (on {@code assignment} and {@code complete}) for any other caller.
 */
@Configuration(proxyBeanMethods = false)
public class FourEyes {

    public static final String EXCLUDED_USER = "fourEyesExcludedUser";
    public static final String MESSAGE = "A négy szem elve szerint aki a döntést előkészítette, nem hagyhatja jóvá: "
            + "ezt a feladatot egy másik munkatársnak kell elvégeznie.";

    @Bean
    TaskListener fourEyesGuard() {
        return task -> {
            Object excluded = task.getVariable(EXCLUDED_USER);
            if (excluded == null) {
                return;
            }
            String actor = TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) ? task.getAssignee()
                    : currentUser() != null ? currentUser() : task.getAssignee();
            if (excluded.equals(actor)) {
                throw new AuthorizationException(MESSAGE);
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> fourEyesFilter(@Lazy TaskService taskService, @Lazy IdentityService identityService) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(taskService,
                identityService));
        registration.setUrlPatterns(List.of("/engine-rest/*", "/camunda/api/engine/*"));
        // after the REST authentication (HIGHEST_PRECEDENCE + 20), before the form validation
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }

    private static String currentUser() {
        CommandContext commandContext = Context.getCommandContext();
        Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    /** Refuses claim, assignment, delegation and completion of a task by its excluded user with 403. */
    static class Filter extends OncePerRequestFilter {

        private static final Pattern TASK_ACTION =
                Pattern.compile(".*/task/([^/]+)/(claim|complete|submit-form|assignee|delegate)$");
        private static final Pattern WEBAPP_ENGINE = Pattern.compile(".*/camunda/api/engine/engine/([^/]+)/.*");
        private static final int MAX_BODY = 1024 * 1024;

        private final ObjectMapper json = new ObjectMapper();
        private final TaskService taskService;
        private final IdentityService identityService;

        Filter(TaskService taskService, IdentityService identityService) {
            this.taskService = taskService;
            this.identityService = identityService;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !TASK_ACTION.matcher(request.getRequestURI()).matches();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Matcher action = TASK_ACTION.matcher(request.getRequestURI());
            action.matches();
            Object excluded = excludedUser(action.group(1));
            if (excluded == null) {
                chain.doFilter(request, response);
                return;
            }
            CachedBody body = CachedBody.of(request, MAX_BODY);
            String actor = switch (action.group(2)) {
                case "assignee", "delegate" -> userIdOf(body.bytes());
                default -> caller(request).orElse(null);
            };
            if (excluded.equals(actor)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(json.createObjectNode().put("type", "FourEyesViolation")
                        .put("message", MESSAGE).toString());
                return;
            }
            chain.doFilter(body.wrap(request), response);
        }

        /** Read without the caller's authorizations: the rule applies whatever they may see. */
        private Object excludedUser(String taskId) {
            var authentication = identityService.getCurrentAuthentication();
            identityService.clearAuthentication();
            try {
                if (taskService.createTaskQuery().taskId(taskId).count() == 0) {
                    return null;
                }
                return taskService.getVariable(taskId, EXCLUDED_USER);
            } finally {
                if (authentication != null) {
                    identityService.setAuthentication(authentication);
                }
            }
        }

        /** The REST API's Basic user (already authenticated), else the Tasklist session's user. */
        private Optional<String> caller(HttpServletRequest request) {
            var authentication = identityService.getCurrentAuthentication();
            if (authentication != null && authentication.getUserId() != null) {
                return Optional.of(authentication.getUserId());
            }
            HttpSession session = request.getSession(false);
            Matcher engine = WEBAPP_ENGINE.matcher(request.getRequestURI());
            if (session == null || !engine.matches()) {
                return Optional.empty();
            }
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            var user = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engine.group(1));
            return Optional.ofNullable(user == null ? null : user.getIdentityId());
        }

        private String userIdOf(byte[] body) {
            try {
                JsonNode node = json.readTree(body);
                return node == null ? null : node.path("userId").asText(null);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
