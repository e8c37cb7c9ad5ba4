package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizedGroupsQueryTest {

    private static final AuthorizedGroupsQuery GROUPS = new AuthorizedGroupsQuery();

    @Test
    void theEnginesStatementBecomesALooseIndexScanOnTheSameTable() {
        assertThat(GROUPS.rewrite("SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A\n    "))
                .startsWith("with recursive G (GROUP_ID_) as ( select min(GROUP_ID_) from ACT_RU_AUTHORIZATION union all")
                .contains("where A.GROUP_ID_ > G.GROUP_ID_")
                .endsWith("select GROUP_ID_ from G where GROUP_ID_ is not null");
        // a table prefix (camunda.bpm.database.table-prefix) is kept
        assertThat(GROUPS.rewrite("SELECT distinct(A.GROUP_ID_) FROM engine.ACT_RU_AUTHORIZATION A"))
                .contains("from engine.ACT_RU_AUTHORIZATION union all")
                .contains("from engine.ACT_RU_AUTHORIZATION A where");
    }

    @Test
    void onlyTheEnginesGroupStatementIsTouched() {
        assertThat(GROUPS.appliesTo("selectAuthorizedGroupIds")).isTrue();
        assertThat(GROUPS.appliesTo("selectAuthorizationByQueryCriteria")).isFalse();
    }

    @Test
    void otherSqlIsLeftAlone() {
        assertThat(GROUPS.rewrite("SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ = 1"))
                .isNull();
        assertThat(GROUPS.rewrite("select * FROM ACT_RU_AUTHORIZATION WHERE ID_ = ?")).isNull();
    }
}
