package hu.miskolc.fourim.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The result of a rewrite that depends on the SQL text alone, kept per text. The engine generates a handful of task
 * query shapes again and again (a journey step's lookup, a working group's list, a count); matching the rewrites'
 * patterns against the same ten kilobytes of SQL on every query was 15% of the journey's Java samples (JFR,
 * BENCHMARKS.md), a lookup by the text is a hash and a comparison. A client can make many shapes (filters, the number
 * of its groups), so at most {@link #MAX_TEXTS} are kept; past that the memo starts again.
 */
final class RewriteMemo {

    static final int MAX_TEXTS = 512;

    /** Stands for "left unchanged" (a concurrent map holds no {@code null}). */
    private static final String UNCHANGED = new String("unchanged");

    private final Map<String, String> rewritten = new ConcurrentHashMap<>();
    private final UnaryOperator<String> rewrite;

    /** @param rewrite the rewrite of a text, {@code null} for a text it leaves unchanged */
    RewriteMemo(UnaryOperator<String> rewrite) {
        this.rewrite = rewrite;
    }

    /** The rewrite's result for the text, computed the first time the text is seen. */
    String apply(String sql) {
        String known = rewritten.get(sql);
        if (known == null) {
            String result = rewrite.apply(sql);
            known = result == null ? UNCHANGED : result;
            if (rewritten.size() >= MAX_TEXTS) {
                rewritten.clear();
            }
            rewritten.put(sql, known);
        }
        return known == UNCHANGED ? null : known;
    }

    int size() {
        return rewritten.size();
    }
}
