package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rewrite of the task query's authorization join, on the SQL the engine generates for PostgreSQL. */
class TaskQueryAuthorizationJoinTest {

    private static final TaskQueryAuthorizationJoin JOIN = new TaskQueryAuthorizationJoin();

    /** As the engine sends it for a candidate-group query with authorization and tenant check (whitespace kept). */
    static final String TASK_QUERY = """
            select distinct
                RES.REV_, RES.ID_, RES.NAME_, RES.DUE_DATE_, RES.TENANT_ID_
                from ACT_RU_TASK RES
                  left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
                      left join
                  ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
                 inner join\s
                (
                SELECT A.*
                FROM ACT_RU_AUTHORIZATION A
                WHERE A.TYPE_ < 2    \s
                AND ( A.USER_ID_ in ( ?, '*')          \s
                  OR A.GROUP_ID_ IN  (  ? )\s
                )
                  AND (
                     (  A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
                     OR  A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ? )
                  )
                )
                    AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
                 WHERE  ( 1 = 1 and ( RES.ASSIGNEE_ is null and I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( ? ) ) ) )
                      and ( (AUTH.RESOURCE_ID_ IS NOT NULL) )
                  and (RES.TENANT_ID_ is null or RES.TENANT_ID_ in ( ? , ? ) )
                order by RES.DUE_DATE_ asc
                LIMIT ? OFFSET ?
            """;

    @Test
    void theThreeWayJoinBecomesAnEqualityOnTheTasksThreeResourceIds() {
        String rewritten = JOIN.rewrite(TASK_QUERY);

        assertThat(rewritten).isNotNull()
                .contains("cross join lateral (values (RES.ID_), (D.KEY_), ('*')) AUTH_KEY (RESOURCE_ID_) inner join")
                .contains("AUTH ON (AUTH.RESOURCE_ID_ = AUTH_KEY.RESOURCE_ID_)")
                .doesNotContain("IN ( RES.ID_ , D.KEY_ , '*' )");
        // the lateral list comes after the definition it refers to, and the parameters keep their order
        assertThat(rewritten.indexOf("AUTH_KEY")).isGreaterThan(rewritten.indexOf("ACT_RE_PROCDEF D"));
        assertThat(rewritten.chars().filter(c -> c == '?').count())
                .isEqualTo(TASK_QUERY.chars().filter(c -> c == '?').count());
        assertThat(rewritten.replaceAll("\\s+", " ")).contains("WHERE A.TYPE_ < 2 AND ( A.USER_ID_ in ( ?, '*')");
    }

    @Test
    void theCountIsRewrittenToo() {
        String count = TASK_QUERY.replaceFirst("(?s)select distinct.*?from ACT_RU_TASK", "select count(distinct RES.ID_) from ACT_RU_TASK")
                .replaceFirst("(?s)order by.*", ")");
        assertThat(JOIN.rewrite(count)).contains("AUTH_KEY.RESOURCE_ID_");
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        // not distinct: extra rows would change the result
        assertThat(JOIN.rewrite(TASK_QUERY.replace("select distinct", "select"))).isNull();
        // a left join of the grants (case tasks): other rows would take part in the where clause
        assertThat(JOIN.rewrite(TASK_QUERY.replace(" inner join", " left join"))).isNull();
        // no authorization check at all
        assertThat(JOIN.rewrite("select distinct RES.ID_ from ACT_RU_TASK RES where RES.ASSIGNEE_ = ?"))
                .isNull();
        // a different join condition
        assertThat(JOIN.rewrite(TASK_QUERY.replace("RES.ID_ , D.KEY_ , '*'", "RES.ID_ , '*'")))
                .isNull();
        // two joins of the grants
        String twice = TASK_QUERY.replace("order by", "and exists (select 1 from ACT_RU_TASK X inner join ( SELECT A.* FROM "
                + "ACT_RU_AUTHORIZATION A ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))) order by");
        assertThat(JOIN.rewrite(twice)).isNull();
    }

    @Test
    void theTaskQueryJoinIsTheSameTheSecondTime() {
        TaskQueryAuthorizationJoin join = new TaskQueryAuthorizationJoin();
        String first = join.rewrite(new String(TASK_QUERY));
        assertThat(first).contains("AUTH.RESOURCE_ID_ = AUTH_KEY.RESOURCE_ID_");
        assertThat(join.rewrite(new String(TASK_QUERY))).isEqualTo(first);
    }
}
