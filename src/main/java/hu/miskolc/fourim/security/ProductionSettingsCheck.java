package hu.miskolc.fourim.security;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the {@code prod} profile without an administrator password from the environment, before
 * anything (database, engine) is started: a production server must never come up with a default or empty admin.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

    static final String MESSAGE = "The prod profile needs the administrator password in the environment: set "
            + "FOURIM_ADMIN_PASSWORD (at least 12 characters). Demo users and default passwords are disabled in prod.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            return;
        }
        String password = environment.getProperty("FOURIM_ADMIN_PASSWORD",
                environment.getProperty("fourim.admin-password", ""));
        if (!StringUtils.hasText(password) || password.length() < 12 || "demo".equals(password)) {
            throw new IllegalStateException(MESSAGE);
        }
    }

    @Override
    public int getOrder() {
        // after the config files are loaded (ConfigDataEnvironmentPostProcessor runs at HIGHEST_PRECEDENCE + 10)
        return Ordered.LOWEST_PRECEDENCE;
    }
}
