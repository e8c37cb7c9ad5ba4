package hu.miskolc.fourim.kpi;

import java.util.List;
import java.util.Set;

import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The KPI API and dashboard page are for coordinators, managers, the council and administrators (CONTRACT.md), with
 * the engine's users: HTTP Basic (the browser asks once for the page and reuses the login for the API), or, for
 * reading, the login of the Camunda webapps, so the dashboard inside Cockpit and the page opened from the Welcome app
 * need no second login.
 */
@Configuration(proxyBeanMethods = false)
class KpiSecurity {

    static final Set<String> GROUPS = Set.of(Groups.COORDINATORS, Groups.MANAGERS, Groups.COUNCIL, Groups.CAMUNDA_ADMIN);

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> kpiAuthentication(IdentityService identityService,
                                                                   ProcessEngine processEngine) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, GROUPS, request -> false)
                        .acceptingWebappSession(processEngine.getName()));
        registration.setUrlPatterns(List.of("/api/kpi/*", "/kpi", "/kpi/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
