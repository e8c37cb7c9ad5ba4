package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each SQL text is rewritten once, a text left unchanged too, and the memo never holds more than its bound. */
class RewriteMemoTest {

    private final List<String> rewritten = new ArrayList<>();
    private final RewriteMemo memo = new RewriteMemo(sql -> {
        rewritten.add(sql);
        return sql.startsWith("select") ? sql + " -- rewritten" : null;
    });

    @Test
    void aTextIsRewrittenOnceAndATextLeftUnchangedStaysUnchanged() {
        // new String: equal texts generated anew for each query, as MyBatis does
        assertThat(memo.apply(new String("select 1"))).isEqualTo("select 1 -- rewritten");
        assertThat(memo.apply(new String("select 1"))).isEqualTo("select 1 -- rewritten");
        assertThat(memo.apply(new String("update x"))).isNull();
        assertThat(memo.apply(new String("update x"))).isNull();
        assertThat(rewritten).containsExactly("select 1", "update x");
    }

    @Test
    void manyShapesDoNotGrowTheMemoPastItsBoundAndEachAnswerStaysRight() {
        for (int i = 0; i < RewriteMemo.MAX_TEXTS * 3; i++) {
            assertThat(memo.apply("select " + i)).isEqualTo("select " + i + " -- rewritten");
            assertThat(memo.size()).isLessThanOrEqualTo(RewriteMemo.MAX_TEXTS);
        }
        assertThat(memo.apply("update " + 1)).isNull();
    }

    @Test
    void theTaskQueryJoinIsTheSameTheSecondTime() {
        TaskQueryAuthorizationJoin join = new TaskQueryAuthorizationJoin();
        String first = join.rewrite(new String(TaskQueryAuthorizationJoinTest.TASK_QUERY));
        assertThat(first).contains("AUTH.RESOURCE_ID_ = AUTH_KEY.RESOURCE_ID_");
        assertThat(join.rewrite(new String(TaskQueryAuthorizationJoinTest.TASK_QUERY))).isEqualTo(first);
    }
}
