package hu.miskolc.fourim.security;

import java.util.List;
import java.util.Set;

import hu.miskolc.fourim.identity.Groups;
import org.camunda.bpm.engine.IdentityService;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The edge of the server. Order matters: the expression guard runs first (it needs no identity and must see every
 * engine request, including the webapps' own), then HTTP Basic for the REST API against the engine's identity
 * service, which also hands the user and groups to the engine's authorization checks.
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfiguration {

    static final String ENGINE_REST = "/engine-rest/*";
    /** The webapps' own engine and plugin APIs (login under /camunda/api/admin/auth is not an engine query). */
    static final List<String> WEBAPP_QUERY_APIS =
            List.of("/camunda/api/engine/*", "/camunda/api/cockpit/*", "/camunda/api/tasklist/*");

    @Bean
    FilterRegistrationBean<ExpressionGuardFilter> expressionGuardFilter() {
        FilterRegistrationBean<ExpressionGuardFilter> registration =
                new FilterRegistrationBean<>(new ExpressionGuardFilter());
        List<String> patterns = new java.util.ArrayList<>(WEBAPP_QUERY_APIS);
        patterns.add(ENGINE_REST);
        registration.setUrlPatterns(patterns);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Queries by variable value only for those who may read the values (after the engine REST's authentication). */
    @Bean
    FilterRegistrationBean<VariableFilterGuard> variableFilterGuard(IdentityService identityService, JdbcTemplate jdbc) {
        FilterRegistrationBean<VariableFilterGuard> registration =
                new FilterRegistrationBean<>(new VariableFilterGuard(identityService, jdbc));
        List<String> patterns = new java.util.ArrayList<>(WEBAPP_QUERY_APIS);
        patterns.add(ENGINE_REST);
        registration.setUrlPatterns(patterns);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** Actuator: health (liveness, readiness) is open and says nothing personal; the rest is for administrators. */
    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> actuatorAuthenticationFilter(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, Set.of(Groups.CAMUNDA_ADMIN),
                        request -> request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health")));
        registration.setUrlPatterns(List.of("/actuator/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setUrlPatterns(List.of(ENGINE_REST));
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
