package hu.miskolc.fourim.database;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

/**
 * A MyBatis interceptor that runs one of the engine's select statements with an equivalent SQL that PostgreSQL
 * executes faster. It sits on the executor's {@code query(MappedStatement, Object, RowBounds, ResultHandler)}: every
 * other statement costs one comparison of its id, and the statement it is for gets its SQL generated as usual,
 * rewritten and executed with the same parameters (including those of {@code foreach}); its SQL is generated once,
 * whether rewritten or not. SQL that does not have the expected shape runs unchanged; the count of rewrites shows (in
 * tests) that the engine's SQL still has it.
 * Subclasses carry MyBatis's {@code @Intercepts} (it is not inherited).
 */
abstract class EngineSqlRewrite implements Interceptor {

    /**
     * How many SQL texts a rewrite whose result depends on the text alone keeps rewritten
     * ({@link hu.miskolc.fourim.BoundedMemo}). The engine generates a handful of task query shapes again and again (a
     * journey step's lookup, a working group's list, a count); matching the rewrites' patterns against the same ten
     * kilobytes of SQL on every query was 15% of the journey's Java samples (JFR, BENCHMARKS.md), a lookup by the text
     * is a hash and a comparison.
     */
    static final int SQL_TEXTS_KEPT = 512;

    private final AtomicLong rewrites = new AtomicLong();

    /** Whether the statement (its id without the mapper namespace) is one this rewrite is for. */
    abstract boolean appliesTo(String statement);

    /**
     * The faster SQL, or {@code null} to leave the statement as it is.
     *
     * @param parameter the statement's parameter object (the engine's query, for example), read only
     */
    abstract String rewrite(String sql, Object parameter);

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        Object[] args = invocation.getArgs();
        MappedStatement statement = (MappedStatement) args[0];
        String id = statement.getId();
        if (!appliesTo(id.substring(id.lastIndexOf('.') + 1))) {
            return invocation.proceed();
        }
        Object parameter = args[1];
        BoundSql bound = statement.getBoundSql(parameter);
        String rewritten = rewrite(bound.getSql(), parameter);
        BoundSql run = bound;
        if (rewritten != null) {
            run = new BoundSql(statement.getConfiguration(), rewritten, bound.getParameterMappings(), parameter);
            bound.getAdditionalParameters().forEach(run::setAdditionalParameter);
            rewrites.incrementAndGet();
        }
        // what the executor's own query(4 args) does, with the SQL generated once: the task query's dynamic SQL is
        // costly to build, so a statement left as it is does not go through proceed() to be generated again
        Executor executor = (Executor) invocation.getTarget();
        RowBounds rows = (RowBounds) args[2];
        CacheKey key = executor.createCacheKey(statement, parameter, rows, run);
        return executor.query(statement, parameter, rows, (ResultHandler<?>) args[3], key, run);
    }

    /**
     * Wraps the executor only. MyBatis offers every executor, statement, parameter and result handler to every
     * interceptor, and its {@code Plugin.wrap} reads the interceptor's annotation by reflection each time to find out
     * that it does not apply: three times per statement for each rewrite, 3% of the journey's Java samples (JFR).
     */
    @Override
    public Object plugin(Object target) {
        return target instanceof Executor ? Plugin.wrap(target, this) : target;
    }

    /** How many statements were rewritten since the engine started. */
    long rewrittenQueries() {
        return rewrites.get();
    }
}
