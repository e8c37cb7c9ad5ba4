package hu.miskolc.fourim.benchmark;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import hu.miskolc.fourim.FourImApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One of the two configurations compared, started in this JVM on its own database of the benchmark's PostgreSQL:
 * the same application, models and forms, with either our engine settings ({@code application.yml}) or the settings
 * a project gets from the Camunda 7.24 Spring Boot starter when it sets nothing.
 */
final class Server implements AutoCloseable {

    enum Setup {
        /** Our configuration as shipped: application.yml unchanged (demo users for the scenarios' logins). */
        OURS(Map.of()),
        /**
         * Starter defaults: history level full (every variable and form field in history), authorization off, CMMN
         * on, tasks' default permission UPDATE, execution and history events on Spring's bus, Hikari's pool of 10, the
         * engine's own task query (no authorization-join rewrite, due-date index or permission statistics), grown
         * tables left to autovacuum (no PlannerStatistics), the engine's own insert id check, FEEL engine and task
         * grants (no InsertIdCheck, FeelParseCache or NewTaskGrants). Our filters at the HTTP edge (Basic
         * authentication, expression guard, form validation) and our delegates stay: they are the application.
         */
        STOCK(Map.ofEntries(
                Map.entry("camunda.bpm.history-level", "full"),
                Map.entry("fourim.insert-id-check.lazy", "false"),
                Map.entry("fourim.feel-parse-cache.enabled", "false"),
                Map.entry("fourim.new-task-grants.skip-lookup", "false"),
                Map.entry("camunda.bpm.eventing.execution", "true"),
                Map.entry("camunda.bpm.eventing.history", "true"),
                Map.entry("camunda.bpm.authorization.enabled", "false"),
                Map.entry("camunda.bpm.generic-properties.properties.cmmnEnabled", "true"),
                Map.entry("camunda.bpm.generic-properties.properties.defaultUserPermissionNameForTask", "UPDATE"),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "10"),
                Map.entry("fourim.engine-query-tuning.enabled", "false"),
                Map.entry("fourim.planner-statistics.enabled", "false")));

        final Map<String, String> overrides;

        Setup(Map<String, String> overrides) {
            this.overrides = overrides;
        }

        String database() {
            return "fourim_" + name().toLowerCase();
        }
    }

    final Setup setup;
    final ConfigurableApplicationContext context;
    final ProcessEngine engine;
    final int port;
    final long startMillis;

    private Server(Setup setup, ConfigurableApplicationContext context, long startMillis) {
        this.setup = setup;
        this.context = context;
        this.engine = context.getBean(ProcessEngine.class);
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.startMillis = startMillis;
    }

    static Map<String, Object> properties(Setup setup, String jdbcUrl, String username, String password,
                                          Map<String, String> extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.hu.miskolc.fourim", "WARN");
        properties.putAll(setup.overrides);
        properties.putAll(extra);
        return properties;
    }

    static Server start(Setup setup, BenchmarkDatabase database, Map<String, String> extra) {
        return start(setup, database, extra, setup.database());
    }

    /** Starts on a database of its own (created when missing), e.g. one per tuning lever. */
    static Server start(Setup setup, BenchmarkDatabase database, Map<String, String> extra, String databaseName) {
        database.createDatabase(databaseName);
        long start = System.nanoTime();
        ConfigurableApplicationContext context = run(properties(setup, database.jdbcUrl(databaseName),
                database.username(), database.password(), extra));
        return new Server(setup, context, (System.nanoTime() - start) / 1_000_000);
    }

    /** Starts the application with {@code properties} as command-line arguments, above application.yml. */
    static ConfigurableApplicationContext run(Map<String, Object> properties) {
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(FourImApplication.class).profiles("demo").run(arguments);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    static long jvmUptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    @Override
    public void close() {
        context.close();
    }
}
