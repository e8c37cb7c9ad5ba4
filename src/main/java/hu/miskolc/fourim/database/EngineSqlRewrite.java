package hu.miskolc.fourim.database;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.reflection.DefaultReflectorFactory;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.ReflectorFactory;
import org.apache.ibatis.reflection.SystemMetaObject;

/**
 * A MyBatis interceptor that replaces the SQL of one of the engine's statements, just before it is prepared, by an
 * equivalent that PostgreSQL runs faster. SQL that does not have the expected shape passes unchanged; the count of
 * rewrites shows (in tests) that the engine's SQL still has it. Subclasses carry MyBatis's {@code @Intercepts} (it is not
 * inherited) for {@code StatementHandler.prepare(Connection, Integer)}.
 */
abstract class EngineSqlRewrite implements Interceptor {

    /** Shared, so that the reflection data of the handler classes is built once (SystemMetaObject's is per call). */
    private static final ReflectorFactory REFLECTORS = new DefaultReflectorFactory();

    private final AtomicLong rewrites = new AtomicLong();

    /** Whether the statement (its id without the mapper namespace) is one this rewrite is for. */
    abstract boolean appliesTo(String statement);

    /** The faster SQL, or {@code null} to leave the statement as it is. */
    abstract String rewrite(String sql);

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        // with several interceptors the target is the next one's proxy: unwrap it to the statement handler
        Object target = invocation.getTarget();
        while (Proxy.isProxyClass(target.getClass()) && Proxy.getInvocationHandler(target) instanceof Plugin plugin) {
            target = meta(plugin).getValue("target");
        }
        MetaObject handler = meta(target);
        if (handler.hasGetter("delegate.mappedStatement")) {
            String id = ((MappedStatement) handler.getValue("delegate.mappedStatement")).getId();
            if (appliesTo(id.substring(id.lastIndexOf('.') + 1))) {
                BoundSql bound = (BoundSql) handler.getValue("delegate.boundSql");
                String rewritten = rewrite(bound.getSql());
                if (rewritten != null) {
                    meta(bound).setValue("sql", rewritten);
                    rewrites.incrementAndGet();
                }
            }
        }
        return invocation.proceed();
    }

    private static MetaObject meta(Object object) {
        return MetaObject.forObject(object, SystemMetaObject.DEFAULT_OBJECT_FACTORY,
                SystemMetaObject.DEFAULT_OBJECT_WRAPPER_FACTORY, REFLECTORS);
    }

    /** How many statements were rewritten since the engine started. */
    long rewrittenQueries() {
        return rewrites.get();
    }
}
