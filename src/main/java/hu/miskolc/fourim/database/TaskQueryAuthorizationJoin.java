package hu.miskolc.fourim.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hu.miskolc.fourim.BoundedMemo;

/**
 * Lets PostgreSQL hash the authorization check of the engine's task query instead of building a cross product.
 *
 * <p>With authorization on, the engine joins each task to the user's grants with
 * {@code AUTH ON (AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*'))}: a grant on the task itself, on its process
 * definition, or on every resource. A join on an {@code OR} of three columns can be neither hashed nor merged, so
 * PostgreSQL compares every task of the working group with every grant of the working group — and there is one grant
 * per task (the engine gives each candidate group a grant on its task), so the cost grows with the square of the
 * group's open tasks: 3.2 s for a page of 15 at 20,000 open tasks (docs/benchmarks/tasklist-explain-20k-open-tasks.txt).
 *
 * <p>This interceptor rewrites only that join, only in the task query and its count, into the same condition as an
 * equality: each task row is paired with its three candidate resource ids
 * ({@code cross join lateral (values (RES.ID_), (D.KEY_), ('*'))}) and the grants are joined on
 * {@code AUTH.RESOURCE_ID_ = AUTH_KEY.RESOURCE_ID_}, which PostgreSQL can hash or look up by index. A task with grants
 * on several of its ids now meets them on several rows instead of one; the task query always selects
 * {@code distinct} task columns and counts {@code distinct RES.ID_}, so the result is the same set of tasks — what
 * each user may see does not change. The rewrite is applied only where the engine generated an {@code inner join} of
 * the grants (a {@code left join}, used when case tasks take part, is left alone), and SQL that does not have exactly
 * the expected shape passes unchanged.
 */
final class TaskQueryAuthorizationJoin {

    private static final Pattern GRANTS = Pattern.compile(
            "\\binner\\s+join\\s*\\(\\s*SELECT\\s+A\\.\\*\\s+FROM\\s+\\S*ACT_RU_AUTHORIZATION\\s+A\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern JOIN_CONDITION = Pattern.compile(
            "\\bAUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(\\s*RES\\.ID_\\s*,\\s*D\\.KEY_\\s*,\\s*'\\*'\\s*\\)\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final String SELECTS_DISTINCT = "(?is)^\\s*select\\s+(count\\s*\\(\\s*)?distinct\\b.*";

    private final BoundedMemo<String, String> memo = new BoundedMemo<>(EngineSqlRewrite.SQL_TEXTS_KEPT,
            TaskQueryAuthorizationJoin::rewriteText);

    /**
     * The task query with its grants joined on an equality, or {@code null} when the SQL does not have the one
     * expected shape (a distinct select with one inner join of the grants followed by its three-way condition).
     * Each SQL text is rewritten once ({@link EngineSqlRewrite#SQL_TEXTS_KEPT}).
     */
    String rewrite(String sql) {
        return memo.get(sql);
    }

    private static String rewriteText(String sql) {
        if (!sql.matches(SELECTS_DISTINCT)) {
            return null;
        }
        Matcher grants = GRANTS.matcher(sql);
        if (!grants.find()) {
            return null;
        }
        int grantsAt = grants.start();
        if (grants.find()) {
            return null;
        }
        Matcher condition = JOIN_CONDITION.matcher(sql);
        if (!condition.find(grantsAt)) {
            return null;
        }
        int conditionAt = condition.start();
        int conditionEnd = condition.end();
        if (condition.find() || JOIN_CONDITION.matcher(sql.substring(0, grantsAt)).find()) {
            return null;
        }
        return sql.substring(0, grantsAt)
                + "cross join lateral (values (RES.ID_), (D.KEY_), ('*')) AUTH_KEY (RESOURCE_ID_) "
                + sql.substring(grantsAt, conditionAt)
                + "AUTH ON (AUTH.RESOURCE_ID_ = AUTH_KEY.RESOURCE_ID_)"
                + sql.substring(conditionEnd);
    }
}
