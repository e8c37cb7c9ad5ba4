package hu.miskolc.fourim.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hu.miskolc.fourim.BoundedMemo;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * Reads a working group's task list in due-date order from an index of the group's candidate links, so that the first
 * page is an index range scan of about one page instead of a walk through every open task of the city.
 *
 * <p>The engine sorts {@code RES.DUE_DATE_} of {@code ACT_RU_TASK} and finds the group through
 * {@code ACT_RU_IDENTITYLINK}. No index serves both, so PostgreSQL either walks all open tasks in due-date order until
 * it has a page of the group's (≈10,000 tasks, 45 ms, when the group's tasks are due later than the others'), or sorts
 * all of the group's tasks. {@link EngineQueryTuning} keeps a copy of each task's due date on its identity links
 * ({@code FOURIM_DUE_DATE_}, written by triggers) with an index on {@code (GROUP_ID_, FOURIM_DUE_DATE_)} for candidate
 * links; here the query is sorted by that copy, which PostgreSQL reads from the index in order.
 *
 * <p>The copy equals {@code RES.DUE_DATE_} on every identity link of the task, so the order, the {@code distinct} rows
 * and each page are the same. That holds only where the identity link cannot be missing: the rewrite applies to a
 * query without or-queries (every criterion is and-ed), with a candidate criterion ({@code I.TYPE_ = 'candidate'}
 * once, on the query's own join of the identity links, not in a {@code without candidate} sub-select), sorted by due
 * date alone. Everything else runs unchanged.
 */
final class CandidateDueDateOrder {

    /** The selected copy's alias; an extra column the engine's result map ignores. */
    static final String ORDER_COLUMN = "FOURIM_DUE_ORDER_";

    private static final Pattern SELECT_DISTINCT = Pattern.compile("(?is)^\\s*select\\s+distinct\\b.*");
    private static final Pattern FROM_TASKS = Pattern.compile("\\s+from\\s+(\\S*)ACT_RU_TASK\\s+RES\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTITY_LINK_JOIN = Pattern.compile(
            "\\bleft\\s+join\\s+\\S*ACT_RU_IDENTITYLINK\\s+I\\s+on\\s+I\\.TASK_ID_\\s*=\\s*RES\\.ID_\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CANDIDATE = Pattern.compile("\\bI\\.TYPE_\\s*=\\s*'candidate'",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_BY_DUE_DATE = Pattern.compile(
            "\\border\\s+by\\s+RES\\.DUE_DATE_\\s+(asc|desc)(\\s+LIMIT\\s+\\?\\s+OFFSET\\s+\\?)?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final BoundedMemo<String, String> memo = new BoundedMemo<>(EngineSqlRewrite.SQL_TEXTS_KEPT,
            CandidateDueDateOrder::rewriteText);

    /**
     * The task query sorted by the indexed copy of the due date, or {@code null} where that could change the answer.
     * The query's criteria are checked each time; the SQL text is rewritten once
     * ({@link EngineSqlRewrite#SQL_TEXTS_KEPT}).
     */
    String rewrite(String sql, TaskQueryImpl query) {
        if (query.getQueries().size() != 1 || Boolean.TRUE.equals(query.isWithoutCandidateGroups())
                || Boolean.TRUE.equals(query.isWithoutCandidateUsers())) {
            return null;
        }
        return memo.get(sql);
    }

    private static String rewriteText(String sql) {
        if (!SELECT_DISTINCT.matcher(sql).matches() || occurrences(IDENTITY_LINK_JOIN, sql) != 1
                || occurrences(CANDIDATE, sql) != 1) {
            return null;
        }
        Matcher order = ORDER_BY_DUE_DATE.matcher(sql);
        Matcher from = FROM_TASKS.matcher(sql);
        if (!order.find() || !from.find()) {
            return null;
        }
        String limit = order.group(2) == null ? "" : order.group(2);
        return sql.substring(0, from.start()) + ", I.FOURIM_DUE_DATE_ as " + ORDER_COLUMN
                + sql.substring(from.start(), order.start())
                + "order by " + ORDER_COLUMN + " " + order.group(1) + limit;
    }

    private static int occurrences(Pattern pattern, String sql) {
        Matcher matcher = pattern.matcher(sql);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
