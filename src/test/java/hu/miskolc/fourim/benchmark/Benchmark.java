package hu.miskolc.fourim.benchmark;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark harness (issue #9): one run measures our server and the same application on Camunda's starter
 * defaults side by side on one PostgreSQL, plus pgbench's ceiling on that server, and writes {@code results.json},
 * {@code results.md} and a latency-vs-scale plot. {@code ./mvnw -Pbenchmark verify -Dbenchmark.mode=quick|full}.
 *
 * <p>Order of a run: (1) the journey on an empty database, (4) the bulk import, (3) the KPI summary while the city
 * grows through the scales, (2) the task list once the largest city is built and (1) the journey again on that city,
 * then our server is stopped and (5) started cold in a new JVM on that database, which is then dropped; the stock
 * configuration then runs (1), (2) and (1) on its own database grown the same way (the same open tasks and historic
 * instances), and pgbench runs last on the same server.
 */
public final class Benchmark {

    /** The sizes of a run. {@code kpiScales} are participant totals; the city grows to each in turn. */
    record Mode(String name, int journeyParticipants, int journeyWarmUp, int workers, int importAddresses,
                List<Integer> kpiScales, int historicTotal, int runningTotal, int kpiRequests, int taskListRequests,
                int pgbenchScale, int pgbenchSeconds, int leverParticipants) {

        /**
         * {@code quick}, {@code full}, or either with sizes changed, e.g.
         * {@code full:running=20000,historic=200000,kpi=10000/100000/1000000,journey=500,workers=8,import=10000,levers=300}
         * ({@code levers}: participants per tuning lever, 0 skips the levers).
         */
        static Mode of(String spec) {
            String[] parts = spec.split(":", 2);
            Mode base = base(parts[0]);
            Map<String, String> sizes = new java.util.HashMap<>();
            for (String setting : parts.length == 2 ? parts[1].split(",") : new String[0]) {
                String[] kv = setting.split("=", 2);
                if (kv.length != 2 || !List.of("journey", "workers", "import", "kpi", "historic", "running", "levers")
                        .contains(kv[0])) {
                    throw new IllegalArgumentException("a size is journey|workers|import|kpi|historic|running|levers"
                            + "=value, not " + setting);
                }
                sizes.put(kv[0], kv[1]);
            }
            List<Integer> kpi = sizes.containsKey("kpi")
                    ? java.util.Arrays.stream(sizes.get("kpi").split("/")).map(Integer::valueOf).toList()
                    : base.kpiScales();
            return new Mode(spec, size(sizes, "journey", base.journeyParticipants()), base.journeyWarmUp(),
                    size(sizes, "workers", base.workers()), size(sizes, "import", base.importAddresses()), kpi,
                    size(sizes, "historic", base.historicTotal()), size(sizes, "running", base.runningTotal()),
                    base.kpiRequests(), base.taskListRequests(), base.pgbenchScale(), base.pgbenchSeconds(),
                    size(sizes, "levers", base.leverParticipants()));
        }

        private static final long GB = 1_000_000_000L;
        private static final long HISTORIC_BYTES = 56_000;
        private static final long RUNNING_BYTES = 22_000;
        private static final long PARTICIPANT_BYTES = 12_000;

        /**
         * About how much disk the run's databases take at their largest, from the sizes measured on 2026-12-02 (a
         * historic instance ≈ 55 KB with its activities, tasks and indexes, a running instance ≈ 22 KB, a participant's
         * business rows ≈ 9 KB plus the temporary files of the KPI fold): ours and stock each get the historic and
         * running instances, only ours the participants, and ours' database is dropped before stock builds its own;
         * 1 GB for the WAL, pgbench and the levers.
         */
        long diskBytes() {
            long participants = kpiScales.isEmpty() ? 0 : kpiScales.get(kpiScales.size() - 1);
            return (long) historicTotal * HISTORIC_BYTES + (long) runningTotal * RUNNING_BYTES
                    + participants * PARTICIPANT_BYTES + GB;
        }

        /**
         * Refuses a run whose databases would not fit into {@code usableBytes}, before it builds anything, and says
         * how many historic instances would fit with a tenth of the space to spare.
         */
        void checkDisk(long usableBytes, Path where) {
            if (diskBytes() > usableBytes) {
                long rest = diskBytes() - (long) historicTotal * HISTORIC_BYTES;
                long fitting = (usableBytes / 10 * 9 - rest) / HISTORIC_BYTES / 10_000 * 10_000;
                throw new IllegalStateException(String.format(Locale.ROOT, "The benchmark mode %s needs about"
                        + " %d GB of disk for its databases in %s, and %d GB are free there. Free some, or ask for %s",
                        name, diskBytes() / GB, where.toAbsolutePath(), usableBytes / GB, fitting > 0
                                ? String.format(Locale.ROOT, "fewer historic instances (about %d KB each), e.g."
                                        + " historic=%d in -Dbenchmark.mode", HISTORIC_BYTES / 1_000, fitting)
                                : "a smaller city (fewer kpi participants, running and historic instances)"));
            }
        }

        private static int size(Map<String, String> sizes, String name, int otherwise) {
            return sizes.containsKey(name) ? Integer.parseInt(sizes.get(name)) : otherwise;
        }

        private static Mode base(String name) {
            return switch (name) {
                case "quick" -> new Mode("quick", 12, 2, 4, 200, List.of(300, 1_000), 1_000, 150, 30, 60, 1, 3, 0);
                case "full" -> new Mode("full", 1_000, 50, 8, 10_000, List.of(10_000, 100_000, 1_000_000),
                        1_000_000, 100_000, 200, 1_000, 50, 60, 300);
                default -> throw new IllegalArgumentException("benchmark.mode is quick or full, not " + name);
            };
        }
    }

    /** The benchmark's PostgreSQL cluster and logs, wherever the results go. */
    static final Path WORK = Path.of("target", "benchmark-work");

    private final Mode mode;
    private final Path out;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Object> results = new LinkedHashMap<>();
    private long runStart;

    private Benchmark(Mode mode, Path out) {
        this.mode = mode;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String modeName = "quick";
        Path out = Path.of("target", "benchmark");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> modeName = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --mode quick|full --out DIR)");
            }
        }
        new Benchmark(Mode.of(modeName), out).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Files.createDirectories(WORK);
        runStart = System.nanoTime();
        results.put("mode", mode.name());
        results.put("date", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        results.put("machine", Machine.describe());
        Map<String, Object> ours = new LinkedHashMap<>();
        Map<String, Object> stock = new LinkedHashMap<>();
        results.put("ours", ours);
        results.put("stock", stock);
        try (BenchmarkDatabase database = BenchmarkDatabase.start(WORK.resolve("postgres"))) {
            // after the start, which has emptied the data directory of an earlier run
            mode.checkDisk(Files.getFileStore(WORK).getUsableSpace(), WORK);
            results.put("postgres", database.settings());

            step("ours: start");
            try (Server server = Server.start(Server.Setup.OURS, database, Map.of())) {
                ours.put("startMillis", server.startMillis);
                ours.put("journey", journey(server));
                savePartial();
                ours.put("bulkImport", bulkImport(server));
                savePartial();
                ours.put("kpiSummary", kpi(server));
                savePartial();
                ours.put("taskList", taskList(server));
                savePartial();
                ours.put("journeyAtCitySize", journey(server));
                savePartial();
            }
            step("ours: cold start in a new JVM");
            ours.put("coldStart", ColdStart.measure(database, List.of("-XX:+UseG1GC"),
                    WORK.resolve("coldstart.log")));
            savePartial();
            // nothing later reads ours' database; the disk it takes is the stock database's room (a million historic
            // instances are ≈ 55 GB in each)
            step("ours: database dropped");
            database.dropDatabase(Server.Setup.OURS.database());

            step("stock: start");
            try (Server server = Server.start(Server.Setup.STOCK, database, Map.of())) {
                stock.put("startMillis", server.startMillis);
                stock.put("journey", journey(server));
                savePartial();
                grow(server, 0, mode.historicTotal(), mode.runningTotal());
                stock.put("taskList", taskList(server));
                savePartial();
                stock.put("journeyAtCitySize", journey(server));
                savePartial();
            }

            step("pgbench");
            results.put("pgbench", PgBench.run(database, mode.pgbenchScale(), mode.workers(), mode.pgbenchSeconds()));
            savePartial();

            if (mode.leverParticipants() > 0) {
                results.put("levers", levers(database));
            }
        }
        results.put("ratios", ratios());
        results.put("complete", true);
        results.put("runSeconds", Latency.round((System.nanoTime() - runStart) / 1e9));
        Files.writeString(out.resolve("results.json"), json.writeValueAsString(results));
        JsonNode tree = json.valueToTree(results);
        Files.writeString(out.resolve("results.md"), Report.markdown(tree));
        Report.plot(tree, out.resolve("latency-vs-scale.png"));
        System.out.println(Report.markdown(tree));
        System.out.println("Results written to " + out.toAbsolutePath());
    }

    /**
     * Writes what has been measured so far to {@code results.json} (marked {@code "complete": false}), so that a long
     * full run that is stopped, or fails in a later scenario, still leaves its figures.
     */
    private void savePartial() throws IOException {
        Map<String, Object> partial = new LinkedHashMap<>(results);
        partial.put("complete", false);
        partial.put("runSecondsSoFar", Latency.round((System.nanoTime() - runStart) / 1e9));
        Files.writeString(out.resolve("results.json"), json.writeValueAsString(partial));
    }

    private Map<String, Object> journey(Server server) throws Exception {
        step(server.setup + ": journey, " + mode.journeyParticipants() + " participants, " + mode.workers()
                + " workers");
        new JourneyScenario(server.engine).run(mode.journeyWarmUp(), mode.workers());
        return new JourneyScenario(server.engine).run(mode.journeyParticipants(), mode.workers());
    }

    /**
     * The tuning levers one at a time: our configuration with one setting changed, each on a fresh database of its
     * own, driving the same journey. The throughput drifts through a run (the JIT, caches, the disk) by more than many
     * levers move it, so each lever runs right after the shipped setup, and what it costs or saves shows against that
     * neighbour; the first line (as shipped) and the control (as shipped again, last) show the drift.
     */
    static final Map<String, Map<String, String>> LEVERS = leverTable();

    private static Map<String, Map<String, String>> leverTable() {
        Map<String, Map<String, String>> levers = new LinkedHashMap<>();
        levers.put("as shipped", Map.of());
        levers.put("history level full (with personal variables)", Map.of("camunda.bpm.history-level", "full"));
        levers.put("history level audit", Map.of("camunda.bpm.history-level", "audit"));
        levers.put("history level none", Map.of("camunda.bpm.history-level", "none"));
        levers.put("JDBC batching off", Map.of("camunda.bpm.generic-properties.properties.jdbcBatchProcessing", "false"));
        levers.put("connection pool 4", Map.of("spring.datasource.hikari.maximum-pool-size", "4"));
        levers.put("connection pool 30", Map.of("spring.datasource.hikari.maximum-pool-size", "30"));
        levers.put("engine SQL tuning off", Map.of("fourim.engine-query-tuning.enabled", "false"));
        levers.put("CMMN on", Map.of("camunda.bpm.generic-properties.properties.cmmnEnabled", "true"));
        levers.put("standalone tasks off", Map.of(
                "camunda.bpm.generic-properties.properties.standaloneTasksEnabled", "false"));
        levers.put("execution and history events on the Spring bus", Map.of("camunda.bpm.eventing.execution", "true",
                "camunda.bpm.eventing.history", "true"));
        levers.put("authorization off (not an option: need-to-know)", Map.of("camunda.bpm.authorization.enabled",
                "false"));
        levers.put("the engine's insert id check (InsertIdCheck off)", Map.of("fourim.insert-id-check.lazy", "false"));
        levers.put("FEEL parsed on every evaluation (FeelParseCache off)", Map.of(
                "fourim.feel-parse-cache.enabled", "false"));
        levers.put("the engine's grant lookup for new tasks (NewTaskGrants off)", Map.of(
                "fourim.new-task-grants.skip-lookup", "false"));
        levers.put("no analysis of grown tables (PlannerStatistics off)", Map.of(
                "fourim.planner-statistics.enabled", "false"));
        // stock itself, measured warm like the levers (the ours/stock journey above runs ours first, on a colder JIT)
        levers.put("stock: the starter's defaults (Server.Setup.STOCK)", Server.Setup.STOCK.overrides);
        // the control: the same as the first line, last, to show how much the run drifted (JIT, cache, disk)
        levers.put("as shipped, again (control)", Map.of());
        return levers;
    }

    private List<Map<String, Object>> levers(BenchmarkDatabase database) throws Exception {
        List<Map<String, Object>> measured = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Map<String, String>> lever : LEVERS.entrySet()) {
            step("lever: " + lever.getKey() + ", " + mode.leverParticipants() + " participants");
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("lever", lever.getKey());
            figures.put("settings", lever.getValue());
            if (!lever.getValue().isEmpty()) {
                figures.put("shippedJustBefore", leverJourney(database, Map.of(), n++, null, mode.journeyWarmUp()));
            }
            // the first lever also warms the JIT up (in quick mode little has run before it)
            int warmUp = n == 0 ? Math.max(mode.journeyWarmUp(), 2 * mode.leverParticipants()) : mode.journeyWarmUp();
            figures.put("journey", leverJourney(database, lever.getValue(), n++, figures, warmUp));
            measured.add(figures);
            results.put("levers", measured);
            savePartial();
        }
        return measured;
    }

    /** The journey on a fresh database of its own, after a warm-up, with our configuration and the settings. */
    private Map<String, Object> leverJourney(BenchmarkDatabase database, Map<String, String> settings, int n,
                                             Map<String, Object> figures, int warmUp) throws Exception {
        try (Server server = Server.start(Server.Setup.OURS, database, settings, "fourim_lever_" + n)) {
            if (figures != null) {
                figures.put("startMillis", server.startMillis);
            }
            new JourneyScenario(server.engine).run(warmUp, mode.workers());
            return new JourneyScenario(server.engine).run(mode.leverParticipants(), mode.workers());
        }
    }

    /**
     * Two uploads of new addresses, one after the other: the first is the headline (the first import in this JVM,
     * including the compiler's work on the import's code), the second shows the rate once that is done.
     */
    private Map<String, Object> bulkImport(Server server) throws Exception {
        step(server.setup + ": bulk import of " + mode.importAddresses() + " addresses, twice");
        Map<String, Object> figures = upload(server);
        figures.put("secondUpload", upload(server));
        return figures;
    }

    private Map<String, Object> upload(Server server) throws Exception {
        StringBuilder csv = new StringBuilder("district,address,note\n");
        String batch = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < mode.importAddresses(); i++) {
            csv.append(i % 2 == 0 ? "tetemvar" : "babonyiberc").append(",\"Importutca ").append(batch).append(' ')
                    .append(i + 1).append(".\",\n");
        }
        HttpLoad coordinator = new HttpLoad("coordinator", "demo");
        long start = System.nanoTime();
        var response = coordinator.post(server.baseUrl() + "/api/surveys/import", "text/csv", csv.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode report = json.readTree(response.body());
        if (response.statusCode() != 200 || report.path("accepted").asInt() != mode.importAddresses()) {
            throw new IllegalStateException("the import answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("addresses", mode.importAddresses());
        figures.put("seconds", Latency.round(seconds));
        figures.put("householdsPerSecond", Latency.round(mode.importAddresses() / seconds));
        return figures;
    }

    private List<Map<String, Object>> kpi(Server server) throws Exception {
        List<Map<String, Object>> scales = new ArrayList<>();
        int participants = 0;
        int historic = 0;
        int running = 0;
        HttpLoad coordinator = new HttpLoad("coordinator", "demo");
        for (int scale : mode.kpiScales()) {
            double share = scale / (double) mode.kpiScales().get(mode.kpiScales().size() - 1);
            int historicTarget = (int) Math.round(mode.historicTotal() * share);
            int runningTarget = Math.min(mode.runningTotal(), scale);
            Map<String, Object> generation = grow(server, scale - participants, historicTarget - historic,
                    runningTarget - running);
            participants = scale;
            historic = historicTarget;
            running = runningTarget;
            step(server.setup + ": KPI summary at " + scale + " participants");
            String url = server.baseUrl() + "/api/kpi/summary";
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("participants", scale);
            // running cases bring their own participant rows, and the journey and import scenarios add a few
            figures.put("participantsInDatabase", server.context.getBean(JdbcTemplate.class)
                    .queryForObject("select count(*) from participant", Long.class));
            figures.put("generation", generation);
            figures.put("all", coordinator.run(url, 3, mode.kpiRequests(), 1, Benchmark::isKpiSummary));
            figures.put("oneDistrict", coordinator.run(url + "?district=tetemvar&from="
                    + URLEncoder.encode("2024-01-01", StandardCharsets.UTF_8), 3, mode.kpiRequests(), 1,
                    Benchmark::isKpiSummary));
            scales.add(figures);
        }
        return scales;
    }

    private static boolean isKpiSummary(String body) {
        return body.contains("\"activationRate\"") && body.contains("\"funnel\"");
    }

    private Map<String, Object> taskList(Server server) throws Exception {
        long open = server.engine.getTaskService().createTaskQuery().count();
        long historic = server.engine.getHistoryService().createHistoricProcessInstanceQuery().count();
        step(server.setup + ": task list with " + open + " open tasks, " + historic + " historic instances");
        String url = server.baseUrl() + "/engine-rest/task?candidateGroup=wg-employment&sortBy=dueDate&sortOrder=asc"
                + "&firstResult=0&maxResults=15";
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("openTasks", open);
        figures.put("historicInstances", historic);
        figures.put("query", "GET /engine-rest/task?candidateGroup=wg-employment&sortBy=dueDate&sortOrder=asc"
                + "&firstResult=0&maxResults=15 as user employment");
        // a first page must come back full: an empty list would be fast and meaningless
        figures.putAll(new HttpLoad("employment", "demo").run(url, 20, mode.taskListRequests(), 4,
                body -> body.split("\"id\"").length - 1 == 15));
        return figures;
    }

    private Map<String, Object> grow(Server server, int participants, int historic, int running) {
        step(server.setup + ": city data +" + participants + " participants, +" + historic + " historic, +"
                + running + " running");
        CityData.Report report = CityData.generate(server.context,
                new CityData.Spec(participants, historic, running, mode.workers()));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("addedParticipants", participants);
        figures.put("addedHistoricInstances", historic);
        figures.put("addedRunningInstances", running);
        figures.put("millisTables", report.millisTables());
        figures.put("millisHistory", report.millisHistory());
        figures.put("millisRunning", report.millisRunning());
        return figures;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ratios() {
        Map<String, Object> ratios = new LinkedHashMap<>();
        Map<String, Object> ours = (Map<String, Object>) results.get("ours");
        Map<String, Object> stock = (Map<String, Object>) results.get("stock");
        Map<String, Object> pgbench = (Map<String, Object>) results.get("pgbench");
        Map<String, Object> ourJourney = (Map<String, Object>) ours.get("journey");
        Map<String, Object> stockJourney = (Map<String, Object>) stock.get("journey");
        ratios.put("journeyOursToStock", Latency.round(number(ourJourney, "participantsPerSecond")
                / number(stockJourney, "participantsPerSecond")));
        Map<String, Object> ourCityJourney = (Map<String, Object>) ours.get("journeyAtCitySize");
        Map<String, Object> stockCityJourney = (Map<String, Object>) stock.get("journeyAtCitySize");
        ratios.put("journeyAtCitySizeOursToStock", Latency.round(number(ourCityJourney, "participantsPerSecond")
                / number(stockCityJourney, "participantsPerSecond")));
        ratios.put("taskCompletionsToPgbenchTps", Latency.round(number(ourJourney, "taskCompletionsPerSecond")
                / number(pgbench, "tps")));
        ratios.put("stockTaskCompletionsToPgbenchTps", Latency.round(number(stockJourney, "taskCompletionsPerSecond")
                / number(pgbench, "tps")));
        Map<String, Object> ourList = (Map<String, Object>) ((Map<String, Object>) ours.get("taskList")).get("latency");
        Map<String, Object> stockList = (Map<String, Object>) ((Map<String, Object>) stock.get("taskList"))
                .get("latency");
        ratios.put("taskListP95StockToOurs", Latency.round(number(stockList, "p95Ms") / number(ourList, "p95Ms")));
        return ratios;
    }

    private static double number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private static void step(String what) {
        System.out.printf("[benchmark %tT] %s%n", System.currentTimeMillis(), what);
    }
}
