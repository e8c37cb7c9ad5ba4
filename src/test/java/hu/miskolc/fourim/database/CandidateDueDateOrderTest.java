package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/** Where a task query may be sorted by the identity links' copy of the due date, on the SQL the engine generates. */
class CandidateDueDateOrderTest {

    private static final CandidateDueDateOrder ORDER = new CandidateDueDateOrder();
    private static final String TASK_QUERY = TaskQueryAuthorizationJoinTest.TASK_QUERY;

    private static TaskQueryImpl groupQuery() {
        TaskQueryImpl query = new TaskQueryImpl();
        query.taskCandidateGroup("wg-employment");
        return query;
    }

    @Test
    void aGroupsListByDueDateIsSortedByTheIndexedCopy() {
        String rewritten = ORDER.rewrite(TASK_QUERY, groupQuery());

        assertThat(rewritten).isNotNull()
                .contains("RES.TENANT_ID_, I.FOURIM_DUE_DATE_ as FOURIM_DUE_ORDER_\n    from ACT_RU_TASK RES")
                .endsWith("order by FOURIM_DUE_ORDER_ asc\n    LIMIT ? OFFSET ?")
                .doesNotContain("order by RES.DUE_DATE_");
        assertThat(rewritten.chars().filter(c -> c == '?').count())
                .isEqualTo(TASK_QUERY.chars().filter(c -> c == '?').count());
        assertThat(ORDER.rewrite(TASK_QUERY.replace("DUE_DATE_ asc", "DUE_DATE_ desc"), groupQuery()))
                .contains("order by FOURIM_DUE_ORDER_ desc");
        // after the authorization join's rewrite too, and without a page
        String joined = new TaskQueryAuthorizationJoin().rewrite(TASK_QUERY);
        assertThat(ORDER.rewrite(joined, groupQuery())).contains("AUTH_KEY").contains("order by FOURIM_DUE_ORDER_ asc");
        assertThat(ORDER.rewrite(TASK_QUERY.replaceFirst("(?s)\\s*LIMIT.*", ""), groupQuery()))
                .endsWith("order by FOURIM_DUE_ORDER_ asc");
    }

    @Test
    void whereTheIdentityLinkMayBeMissingOrTheOrderIsAnotherTheQueryStaysAsItIs() {
        // an or-query: a task may match without a candidate link
        TaskQueryImpl withOr = groupQuery();
        withOr.or().taskAssignee("someone").endOr();
        assertThat(ORDER.rewrite(TASK_QUERY, withOr)).isNull();
        // "without candidate groups" names I in a sub-select
        TaskQueryImpl without = groupQuery();
        without.withoutCandidateGroups();
        assertThat(ORDER.rewrite(TASK_QUERY, without)).isNull();
        // no candidate criterion
        assertThat(ORDER.rewrite(TASK_QUERY.replace("I.TYPE_ = 'candidate' and", ""), groupQuery())).isNull();
        // the identity links are not joined by the query itself
        assertThat(ORDER.rewrite(TASK_QUERY.replace("left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_", ""),
                groupQuery())).isNull();
        // another order, or due date and then something else
        assertThat(ORDER.rewrite(TASK_QUERY.replace("RES.DUE_DATE_ asc", "RES.CREATE_TIME_ asc"), groupQuery()))
                .isNull();
        assertThat(ORDER.rewrite(TASK_QUERY.replace("RES.DUE_DATE_ asc", "RES.DUE_DATE_ asc, RES.ID_ asc"),
                groupQuery())).isNull();
        // not distinct
        assertThat(ORDER.rewrite(TASK_QUERY.replace("select distinct", "select"), groupQuery())).isNull();
        // the count has no order
        String count = TASK_QUERY.replaceFirst("(?s)select distinct.*?from ACT_RU_TASK",
                "select count(distinct RES.ID_) from ACT_RU_TASK").replaceFirst("(?s)order by.*", ")");
        assertThat(ORDER.rewrite(count, groupQuery())).isNull();
    }

    @Test
    void onlyTheTaskQueryAndItsCountAreTouched() {
        TaskQueryRewrite rewrite = new TaskQueryRewrite();
        assertThat(rewrite.appliesTo("selectTaskByQueryCriteria")).isTrue();
        assertThat(rewrite.appliesTo("selectTaskCountByQueryCriteria")).isTrue();
        assertThat(rewrite.appliesTo("selectHistoricTaskInstancesByQueryCriteria")).isFalse();
        assertThat(rewrite.appliesTo("selectProcessInstanceByQueryCriteria")).isFalse();
        // both rewrites on one statement; a statement neither fits is left alone
        assertThat(rewrite.rewrite(TASK_QUERY, groupQuery())).contains("AUTH_KEY").contains("FOURIM_DUE_ORDER_ asc");
        assertThat(rewrite.rewrite("select distinct RES.ID_ from ACT_RU_TASK RES", groupQuery())).isNull();
    }
}
