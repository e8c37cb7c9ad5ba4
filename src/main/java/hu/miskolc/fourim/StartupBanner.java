package hu.miskolc.fourim;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started the server where to log in. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;
    private final String publicBaseUrl;

    StartupBanner(Environment environment, @Value("${fourim.public-base-url}") String publicBaseUrl) {
        this.environment = environment;
        this.publicBaseUrl = publicBaseUrl;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = publicBaseUrl.replace("${server.port}", port);
        log.info("4IM journey server is ready: open {}/camunda/app/ and log in", base);
        if (Arrays.asList(environment.getActiveProfiles()).contains("demo")
                || environment.getActiveProfiles().length == 0) {
            log.info("Demo logins (password 'demo'): admin, coordinator, field, adviser, coach, access, clerk, "
                    + "employment, education, living, opendoor, motivation, council1..3, manager");
        }
    }
}
