package hu.miskolc.fourim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each key is computed once, a key whose result is "unchanged" too, and the memo never holds more than its bound. */
class BoundedMemoTest {

    private static final int MAX = 512;

    private final List<String> rewritten = new ArrayList<>();
    private final BoundedMemo<String, String> memo = new BoundedMemo<>(MAX, sql -> {
        rewritten.add(sql);
        return sql.startsWith("select") ? sql + " -- rewritten" : null;
    });

    @Test
    void aKeyIsComputedOnceAndANullResultStaysNull() {
        // new String: equal texts generated anew for each query, as MyBatis does
        assertThat(memo.get(new String("select 1"))).isEqualTo("select 1 -- rewritten");
        assertThat(memo.get(new String("select 1"))).isEqualTo("select 1 -- rewritten");
        assertThat(memo.get(new String("update x"))).isNull();
        assertThat(memo.get(new String("update x"))).isNull();
        assertThat(rewritten).containsExactly("select 1", "update x");
    }

    @Test
    void manyKeysDoNotGrowTheMemoPastItsBoundAndEachAnswerStaysRight() {
        for (int i = 0; i < MAX * 3; i++) {
            assertThat(memo.get("select " + i)).isEqualTo("select " + i + " -- rewritten");
            assertThat(memo.size()).isLessThanOrEqualTo(MAX);
        }
        assertThat(memo.get("update " + 1)).isNull();
    }

    @Test
    void aMemoKeepsAtLeastOneKey() {
        assertThatThrownBy(() -> new BoundedMemo<String, String>(0, key -> key))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
