package hu.miskolc.fourim.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The results of a run as Markdown tables (pasted into BENCHMARKS.md) and a latency-vs-scale plot. */
final class Report {

    private Report() {
    }

    static String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder();
        JsonNode ours = r.path("ours");
        JsonNode stock = r.path("stock");
        md.append("Mode **").append(r.path("mode").asText()).append("**, ").append(r.path("date").asText())
                .append(", run took ").append(r.path("runSeconds").asText()).append(" s.\n\n");
        JsonNode machine = r.path("machine");
        md.append("Machine: ").append(machine.path("cpus").asText()).append(" CPUs (")
                .append(machine.path("cpuModel").asText()).append("), ").append(machine.path("memory").asText())
                .append(", ").append(machine.path("java").asText()).append(". PostgreSQL ")
                .append(r.path("postgres").path("server_version").asText()).append(": fsync=")
                .append(r.path("postgres").path("fsync").asText()).append(", synchronous_commit=")
                .append(r.path("postgres").path("synchronous_commit").asText()).append(", full_page_writes=")
                .append(r.path("postgres").path("full_page_writes").asText()).append(", shared_buffers=")
                .append(r.path("postgres").path("shared_buffers").asText()).append(".\n\n");

        md.append("### 1. Journey throughput (survey → assessment → referral accepted, Java API)\n\n");
        md.append("| configuration | database | participants | workers | participants/s | instances/s "
                + "| task completions/s | completion p50 / p95 / p99 ms | participant p50 / p95 / p99 ms |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String[] row : new String[][] {{"ours", "journey", "empty"}, {"stock", "journey", "empty"},
                {"ours", "journeyAtCitySize", "city"}, {"stock", "journeyAtCitySize", "city"}}) {
            JsonNode j = r.path(row[0]).path(row[1]);
            String database = row[2].equals("empty") ? "empty"
                    : String.format(Locale.ROOT, "%,d open tasks", r.path(row[0]).path("taskList").path("openTasks").asLong());
            md.append("| ").append(row[0]).append(" | ").append(database).append(" | ")
                    .append(j.path("participants").asText()).append(" | ")
                    .append(j.path("workers").asText()).append(" | ").append(j.path("participantsPerSecond").asText())
                    .append(" | ").append(j.path("instancesPerSecond").asText()).append(" | ")
                    .append(j.path("taskCompletionsPerSecond").asText()).append(" | ")
                    .append(percentiles(j.path("taskCompletionLatency"))).append(" | ")
                    .append(percentiles(j.path("participantLatency"))).append(" |\n");
        }

        md.append("\n### 2. Task list (working-group member's candidate-group query, by due date, first page, "
                + "/engine-rest)\n\n");
        md.append("| configuration | open tasks | historic instances | requests | clients | requests/s "
                + "| p50 / p95 / p99 ms |\n|---|---|---|---|---|---|---|\n");
        for (String name : List.of("ours", "stock")) {
            JsonNode t = r.path(name).path("taskList");
            md.append("| ").append(name).append(" | ").append(t.path("openTasks").asText()).append(" | ")
                    .append(t.path("historicInstances").asText()).append(" | ").append(t.path("requests").asText())
                    .append(" | ").append(t.path("clients").asText()).append(" | ")
                    .append(t.path("requestsPerSecond").asText()).append(" | ")
                    .append(percentiles(t.path("latency"))).append(" |\n");
        }

        md.append("\n### 3. KPI summary (`GET /api/kpi/summary`, one client, ours)\n\n");
        md.append("| participants | all districts p50 / p95 / p99 ms | one district + date p50 / p95 / p99 ms "
                + "| city data added in (tables / history / running) s |\n|---|---|---|---|\n");
        for (JsonNode scale : ours.path("kpiSummary")) {
            JsonNode g = scale.path("generation");
            md.append("| ").append(String.format(Locale.ROOT, "%,d", scale.path("participants").asLong()))
                    .append(" | ").append(percentiles(scale.path("all").path("latency"))).append(" | ")
                    .append(percentiles(scale.path("oneDistrict").path("latency"))).append(" | ")
                    .append(seconds(g.path("millisTables"))).append(" / ").append(seconds(g.path("millisHistory")))
                    .append(" / ").append(seconds(g.path("millisRunning"))).append(" |\n");
        }

        JsonNode imp = ours.path("bulkImport");
        md.append("\n### 4. Bulk survey import (`POST /api/surveys/import`, ours)\n\n")
                .append(imp.path("addresses").asText()).append(" addresses in ").append(imp.path("seconds").asText())
                .append(" s: **").append(imp.path("householdsPerSecond").asText())
                .append(" households/s** (the first upload in this JVM); a second upload of as many new addresses "
                        + "right after it: ")
                .append(imp.path("secondUpload").path("householdsPerSecond").asText()).append(" households/s.\n");

        JsonNode cold = ours.path("coldStart");
        md.append("\n### 5. Cold start and heap (ours, new JVM, `").append(cold.path("jvmOptions").asText())
                .append("`)\n\n")
                .append("JVM start to ready: **").append(cold.path("jvmStartToReadyMs").asText()).append(" ms** (Spring context ")
                .append(cold.path("springContextMs").asText()).append(" ms) with ")
                .append(cold.path("activeProcessInstances").asText()).append(" active process instances and ")
                .append(cold.path("openTasks").asText()).append(" open tasks; heap in use after a full GC: **")
                .append(cold.path("heapUsedAfterFullGcMb").asText()).append(" MB**.\n");

        JsonNode pg = r.path("pgbench");
        md.append("\n### Database ceiling (pgbench on the same server)\n\n").append(pg.path("version").asText())
                .append(", scale ").append(pg.path("scale").asText()).append(", ").append(pg.path("clients").asText())
                .append(" clients, ").append(pg.path("seconds").asText()).append(" s: **")
                .append(pg.path("tps").asText()).append(" TPS** (latency average ")
                .append(pg.path("latencyAverageMs").asText()).append(" ms).\n");

        if (r.path("levers").size() > 0) {
            md.append("\n### Tuning levers (journey, ours with one setting changed, fresh database each)\n\n")
                    .append("Each lever runs right after the shipped setup; the last column compares the two.\n\n")
                    .append("| lever | participants/s | task completions/s | completion p50 / p95 / p99 ms "
                            + "| vs the first line | shipped just before, participants/s | vs shipped just before |\n"
                            + "|---|---|---|---|---|---|---|\n");
            double shipped = r.path("levers").get(0).path("journey").path("participantsPerSecond").asDouble();
            for (JsonNode lever : r.path("levers")) {
                JsonNode j = lever.path("journey");
                double rate = j.path("participantsPerSecond").asDouble();
                JsonNode neighbour = lever.path("shippedJustBefore");
                md.append("| ").append(lever.path("lever").asText()).append(" | ")
                        .append(j.path("participantsPerSecond").asText()).append(" | ")
                        .append(j.path("taskCompletionsPerSecond").asText()).append(" | ")
                        .append(percentiles(j.path("taskCompletionLatency"))).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f×", rate / shipped)).append(" | ")
                        .append(neighbour.isMissingNode() ? "–" : neighbour.path("participantsPerSecond").asText())
                        .append(" | ")
                        .append(neighbour.isMissingNode() ? "–" : String.format(Locale.ROOT, "%.2f×",
                                rate / neighbour.path("participantsPerSecond").asDouble()))
                        .append(" |\n");
            }
        }

        JsonNode ratios = r.path("ratios");
        md.append("\n### Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
        target(md, "journey, ours / stock (participants/s), empty database", "≥ 2.0",
                ratios.path("journeyOursToStock").asDouble(), ratios.path("journeyOursToStock").asDouble() >= 2.0);
        target(md, "journey, ours / stock (participants/s), at city size", "≥ 2.0",
                ratios.path("journeyAtCitySizeOursToStock").asDouble(),
                ratios.path("journeyAtCitySizeOursToStock").asDouble() >= 2.0);
        target(md, "task completions/s / pgbench TPS", "≥ 0.5", ratios.path("taskCompletionsToPgbenchTps").asDouble(),
                ratios.path("taskCompletionsToPgbenchTps").asDouble() >= 0.5);
        double listP95 = ours.path("taskList").path("latency").path("p95Ms").asDouble();
        target(md, "task list p95 at " + ours.path("taskList").path("openTasks").asText() + " open tasks (ms)",
                "≤ 50", listP95, listP95 <= 50);
        JsonNode largest = ours.path("kpiSummary").get(ours.path("kpiSummary").size() - 1);
        double kpiP95 = largest.path("all").path("latency").path("p95Ms").asDouble();
        target(md, "KPI summary p95 at " + String.format(Locale.ROOT, "%,d", largest.path("participants").asLong())
                + " participants (ms)", "≤ 200", kpiP95, kpiP95 <= 200);
        double rate = imp.path("householdsPerSecond").asDouble();
        target(md, "bulk import, first upload (households/s)", "≥ 1000", rate, rate >= 1000);
        double start = cold.path("jvmStartToReadyMs").asDouble() / 1000;
        target(md, "cold start (s)", "≤ 15", Latency.round(start), start <= 15);
        double heap = cold.path("heapUsedAfterFullGcMb").asDouble();
        target(md, "heap after full GC at " + cold.path("activeProcessInstances").asText() + " active instances (MB)",
                "≤ 512", heap, heap <= 512);
        if (!r.path("mode").asText().startsWith("full")) {
            md.append("\nQuick mode: small N, a smoke test of the harness; the targets are judged on a full run.\n");
        }
        return md.toString();
    }

    private static void target(StringBuilder md, String name, String goal, double measured, boolean met) {
        md.append("| ").append(name).append(" | ").append(goal).append(" | ").append(measured).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    private static String percentiles(JsonNode latency) {
        return latency.path("p50Ms").asText() + " / " + latency.path("p95Ms").asText() + " / "
                + latency.path("p99Ms").asText();
    }

    private static String seconds(JsonNode millis) {
        return String.format(Locale.ROOT, "%.1f", millis.asLong() / 1000.0);
    }

    /** KPI summary latency (p50, p95) against the number of participants, logarithmic. */
    static void plot(JsonNode r, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(450)
                .title("GET /api/kpi/summary latency vs city size (" + r.path("mode").asText().split(":")[0] + " mode)")
                .xAxisTitle("participants").yAxisTitle("ms").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<Double> x = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> district = new ArrayList<>();
        for (JsonNode scale : r.path("ours").path("kpiSummary")) {
            x.add(scale.path("participants").asDouble());
            p50.add(scale.path("all").path("latency").path("p50Ms").asDouble());
            p95.add(scale.path("all").path("latency").path("p95Ms").asDouble());
            district.add(scale.path("oneDistrict").path("latency").path("p95Ms").asDouble());
        }
        chart.addSeries("all districts p50", x, p50).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("all districts p95", x, p95).setMarker(SeriesMarkers.DIAMOND);
        chart.addSeries("one district + date p95", x, district).setMarker(SeriesMarkers.SQUARE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
