package hu.miskolc.fourim.kpi;

import java.util.List;
import java.util.Set;

import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The KPI API and dashboard page are for coordinators, managers, the council and administrators, with HTTP Basic
 * against the engine's users (CONTRACT.md): the browser asks once for the page and reuses the login for the API.
 */
@Configuration(proxyBeanMethods = false)
class KpiSecurity {

    static final Set<String> GROUPS = Set.of(Groups.COORDINATORS, Groups.MANAGERS, Groups.COUNCIL, Groups.CAMUNDA_ADMIN);

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> kpiAuthentication(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, GROUPS, request -> false));
        registration.setUrlPatterns(List.of("/api/kpi/*", "/kpi", "/kpi/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
