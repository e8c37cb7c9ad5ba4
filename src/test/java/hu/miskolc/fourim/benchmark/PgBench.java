package hu.miskolc.fourim.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's ceiling: PostgreSQL's own {@code pgbench} (TPC-B-like read-write transactions) against the same
 * server with the same durable settings, with as many clients as the journey has workers.
 */
final class PgBench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private PgBench() {
    }

    static String executable() {
        for (String candidate : new String[] {"/usr/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench",
                "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench"}) {
            if (new java.io.File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("pgbench not found: install Debian's postgresql-client (.ci/run does)");
    }

    static Map<String, Object> run(BenchmarkDatabase database, int scale, int clients, int seconds)
            throws IOException, InterruptedException {
        database.createDatabase("pgbench");
        String pgbench = executable();
        List<String> connection = List.of("-h", "localhost", "-p", Integer.toString(database.port()), "-U",
                database.username());
        List<String> init = new ArrayList<>(List.of(pgbench, "-i", "-q", "-s", Integer.toString(scale)));
        init.addAll(connection);
        init.add("pgbench");
        exec(database, init);
        List<String> bench = new ArrayList<>(List.of(pgbench, "-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())), "-T",
                Integer.toString(seconds), "-M", "prepared", "-n"));
        bench.addAll(connection);
        bench.add("pgbench");
        String output = exec(database, bench);
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("version", exec(database, List.of(pgbench, "--version")).trim());
        figures.put("scale", scale);
        figures.put("clients", clients);
        figures.put("seconds", seconds);
        figures.put("tps", Latency.round(Double.parseDouble(tps.group(1))));
        figures.put("latencyAverageMs", latency.find() ? Double.parseDouble(latency.group(1)) : null);
        return figures;
    }

    private static String exec(BenchmarkDatabase database, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
