package hu.miskolc.fourim.notification;

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
 * Who may use the notification endpoints, by HTTP Basic against the engine's users (the browser asks for the
 * credentials on the pages): the dev mailbox and the parked mails only {@code camunda-admin}; a user's own
 * preferences any known user.
 */
@Configuration(proxyBeanMethods = false)
class NotificationWebConfiguration {

    static final List<String> ADMIN_PATHS = List.of("/api/dev-mailbox", "/api/dev-mailbox/*", "/dev-mailbox",
            "/dev-mailbox/*", "/api/notifications/parked", "/api/notifications/parked/*", "/api/notifications/status");
    static final List<String> USER_PATHS = List.of("/api/notifications/preferences/*", "/notifications/preferences",
            "/notifications/preferences/*");

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> notificationAdminFilter(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, Set.of(Groups.CAMUNDA_ADMIN), request -> false));
        registration.setUrlPatterns(ADMIN_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> notificationUserFilter(IdentityService identityService) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                GroupBasicAuthFilter.anyUser(identityService, request -> false));
        registration.setUrlPatterns(USER_PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
