package hu.miskolc.fourim.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 5, run in a fresh JVM: our server started on a database that already holds the active cases, the time
 * from JVM start to "ready", and the heap still in use after a full garbage collection. The parent passes the
 * database in the environment (never on the command line, where {@code ps} shows it).
 */
public final class ColdStart {

    static final String MARKER = "COLDSTART ";

    public static void main(String[] args) throws Exception {
        Map<String, Object> properties = Server.properties(Server.Setup.OURS, System.getenv("BENCH_JDBC_URL"),
                System.getenv("BENCH_DB_USER"), System.getenv("BENCH_DB_PASSWORD"), Map.of());
        long start = System.nanoTime();
        ConfigurableApplicationContext context = Server.run(properties);
        long contextMillis = (System.nanoTime() - start) / 1_000_000;
        long jvmToReadyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        long activeInstances = engine.getRuntimeService().createProcessInstanceQuery().active().count();
        long openTasks = engine.getTaskService().createTaskQuery().count();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("jvmStartToReadyMs", jvmToReadyMillis);
        figures.put("springContextMs", contextMillis);
        figures.put("activeProcessInstances", activeInstances);
        figures.put("openTasks", openTasks);
        figures.put("heapUsedAfterFullGcMb", Latency.round(heap.getUsed() / 1024.0 / 1024.0));
        figures.put("heapCommittedMb", Latency.round(heap.getCommitted() / 1024.0 / 1024.0));
        figures.put("maxHeapMb", Latency.round(heap.getMax() / 1024.0 / 1024.0));
        System.out.println(MARKER + new ObjectMapper().writeValueAsString(figures));
        context.close();
        System.exit(0);
    }

    /** Runs {@link #main} in a new JVM with {@code jvmOptions} and returns what it measured. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> measure(BenchmarkDatabase database, List<String> jvmOptions, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ColdStart.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BENCH_JDBC_URL", database.jdbcUrl(Server.Setup.OURS.database()));
        builder.environment().put("BENCH_DB_USER", database.username());
        builder.environment().put("BENCH_DB_PASSWORD", database.password());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the cold start did not finish in 10 minutes, see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        int at = output.lastIndexOf(MARKER);
        if (process.exitValue() != 0 || at < 0) {
            throw new IllegalStateException("the cold start failed (exit " + process.exitValue() + "), see " + log);
        }
        String json = output.substring(at + MARKER.length()).lines().findFirst().orElseThrow();
        Map<String, Object> figures = new LinkedHashMap<>(new ObjectMapper().readValue(json, Map.class));
        figures.put("jvmOptions", String.join(" ", jvmOptions));
        return figures;
    }
}
