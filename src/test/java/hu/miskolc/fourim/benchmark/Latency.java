package hu.miskolc.fourim.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies of one operation, recorded from many threads into an HdrHistogram (microsecond resolution). */
final class Latency {

    private final Histogram histogram = new ConcurrentHistogram(3);

    <T> T time(Callable<T> operation) throws Exception {
        long start = System.nanoTime();
        T result = operation.call();
        record(System.nanoTime() - start);
        return result;
    }

    void record(long nanos) {
        histogram.recordValue(Math.max(1, nanos / 1_000));
    }

    long count() {
        return histogram.getTotalCount();
    }

    double percentileMillis(double percentile) {
        return round(histogram.getValueAtPercentile(percentile) / 1_000.0);
    }

    /** {count, p50, p95, p99, max} in milliseconds. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count());
        summary.put("p50Ms", percentileMillis(50));
        summary.put("p95Ms", percentileMillis(95));
        summary.put("p99Ms", percentileMillis(99));
        summary.put("maxMs", round(histogram.getMaxValue() / 1_000.0));
        return summary;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
