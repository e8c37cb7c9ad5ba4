package hu.miskolc.fourim.migration;

import java.util.List;
import java.util.Set;

import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.security.GroupBasicAuthFilter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The migration tool (page and API) is for managers and administrators, by HTTP Basic against the engine's users. */
@Configuration(proxyBeanMethods = false)
class MigrationWebConfiguration {

    static final List<String> PATHS = List.of("/api/migrations", "/api/migrations/*", "/migration", "/migration/*");

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> migrationFilter(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, Set.of(Groups.MANAGERS, Groups.CAMUNDA_ADMIN),
                        request -> false));
        registration.setUrlPatterns(PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
