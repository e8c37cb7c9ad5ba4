package hu.miskolc.fourim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A function's results kept by their key, for work that gives the same result for the same key every time: our task
 * query rewrites (by SQL text) and the FEEL parser (by expression). At most {@code max} keys are kept; past that the
 * memo starts again, so keys a client can vary (filters, the number of its groups) cannot grow it without end. A
 * result may be {@code null} ("left unchanged") and is kept as well. Safe for concurrent use: two threads may compute
 * the same key once each, and both get an equal result.
 */
public final class BoundedMemo<K, V> {

    /** Stands for a {@code null} result (a concurrent map holds no {@code null}). */
    private static final Object NULL = new Object();

    private final Map<K, Object> results = new ConcurrentHashMap<>();
    private final int max;
    private final Function<K, V> compute;

    /**
     * @param max     how many keys are kept at most
     * @param compute the result for a key (not {@code null}), computed the first time the key is seen
     */
    public BoundedMemo(int max, Function<K, V> compute) {
        if (max < 1) {
            throw new IllegalArgumentException("a memo keeps at least one key");
        }
        this.max = max;
        this.compute = compute;
    }

    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object known = results.get(key);
        if (known == null) {
            V result = compute.apply(key);
            known = result == null ? NULL : result;
            if (results.size() >= max) {
                results.clear();
            }
            results.put(key, known);
        }
        return known == NULL ? null : (V) known;
    }

    /** How many keys are kept now. */
    public int size() {
        return results.size();
    }
}
