package hu.miskolc.fourim.council;

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
 * HTTP Basic for the council's endpoints: escalating a case is for the workers who handle cases (advisers, coaches,
 * coordinators); the minutes are for the council and the coordinators (its secretariat).
 */
@Configuration(proxyBeanMethods = false)
class CouncilSecurity {

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> caseEscalationAuthentication(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, Set.of(Groups.EMPLOYMENT_ADVISERS, Groups.COACHES,
                        Groups.COORDINATORS), request -> false));
        registration.setUrlPatterns(List.of("/api/cases/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> councilMinutesAuthentication(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, Set.of(Groups.COUNCIL, Groups.COORDINATORS,
                        Groups.CAMUNDA_ADMIN), request -> false));
        registration.setUrlPatterns(List.of("/api/council/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
