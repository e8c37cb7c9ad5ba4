package hu.miskolc.fourim.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Repeated HTTP requests as one logged-in user from a few concurrent clients, as a browser page would make them. */
final class HttpLoad {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authorization;

    HttpLoad(String user, String password) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Accept", "application/json").timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Measuring stops after this long even if fewer requests were made (a slow query must not stall the run). */
    static final long BUDGET_NANOS = 30_000_000_000L;

    /**
     * {@code warmUp} unmeasured requests, then up to {@code requests} measured ones from {@code clients} threads
     * (fewer when {@link #BUDGET_NANOS} runs out; {@code requests} in the figures is the number made). Every response
     * must be 200 and pass {@code check}, or the scenario fails: a fast error is no result.
     */
    Map<String, Object> run(String url, int warmUp, int requests, int clients, Predicate<String> check)
            throws Exception {
        for (int i = 0; i < warmUp; i++) {
            verify(get(url), check, url);
        }
        Latency latency = new Latency();
        AtomicInteger remaining = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + BUDGET_NANOS;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0 && System.nanoTime() < deadline) {
                    verify(latency.time(() -> get(url)), check, url);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", latency.count());
        figures.put("clients", clients);
        figures.put("requestsPerSecond", Latency.round(latency.count() / seconds));
        figures.put("latency", latency.summary());
        return figures;
    }

    private static void verify(HttpResponse<String> response, Predicate<String> check, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        if (!check.test(response.body())) {
            throw new IllegalStateException("GET " + url + " answered an unexpected body: "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }
}
