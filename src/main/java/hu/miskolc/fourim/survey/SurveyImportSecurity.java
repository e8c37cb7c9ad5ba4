package hu.miskolc.fourim.survey;

import java.util.List;
import java.util.Set;

import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The bulk import is for coordinators (and administrators), with HTTP Basic like the REST API. */
@Configuration(proxyBeanMethods = false)
class SurveyImportSecurity {

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> surveyImportAuthentication(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, Set.of(Groups.COORDINATORS, Groups.CAMUNDA_ADMIN),
                        request -> false));
        registration.setUrlPatterns(List.of("/api/surveys/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
