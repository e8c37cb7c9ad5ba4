package hu.miskolc.fourim.forms;

import java.util.List;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class FormValidationConfiguration {

    @Bean
    FilterRegistrationBean<FormValidationFilter> formValidationFilter(TaskService taskService, FormService formService,
                                                                      RepositoryService repositoryService,
                                                                      MessageSource messages) {
        FilterRegistrationBean<FormValidationFilter> registration = new FilterRegistrationBean<>(
                new FormValidationFilter(taskService, formService, repositoryService, messages));
        registration.setUrlPatterns(List.of("/engine-rest/*", "/camunda/api/engine/*"));
        // after the expression guard and the REST authentication: anonymous callers learn nothing about forms
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
