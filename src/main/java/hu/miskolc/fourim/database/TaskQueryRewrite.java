package hu.miskolc.fourim.database;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * The engine's task query (and its count) as PostgreSQL runs it fast at city size: the authorization join as an
 * equality ({@link TaskQueryAuthorizationJoin}) and a working group's list read in due-date order from the index of
 * its candidate links ({@link CandidateDueDateOrder}). Each applies only where it cannot change the answer; one
 * interceptor applies both because MyBatis hands a rewritten statement to the executor past the other interceptors.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
public class TaskQueryRewrite extends EngineSqlRewrite {

    /** The engine's task query and its count, in Task.xml. */
    private static final Set<String> STATEMENTS = Set.of("selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria");

    private final TaskQueryAuthorizationJoin join = new TaskQueryAuthorizationJoin();
    private final CandidateDueDateOrder order = new CandidateDueDateOrder();
    private final AtomicLong joins = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();

    @Override
    boolean appliesTo(String statement) {
        return STATEMENTS.contains(statement);
    }

    @Override
    String rewrite(String sql, Object parameter) {
        String joined = join.rewrite(sql);
        if (joined != null) {
            joins.incrementAndGet();
        }
        String current = joined == null ? sql : joined;
        String ordered = parameter instanceof TaskQueryImpl query ? order.rewrite(current, query) : null;
        if (ordered != null) {
            orders.incrementAndGet();
            return ordered;
        }
        return joined;
    }

    /** Task queries whose authorization join was rewritten since the engine started. */
    long joinsRewritten() {
        return joins.get();
    }

    /** Task queries read in due-date order from the candidate links' index since the engine started. */
    long dueDateOrdersRewritten() {
        return orders.get();
    }
}
