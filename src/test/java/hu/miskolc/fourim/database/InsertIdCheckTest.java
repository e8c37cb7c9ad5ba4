package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine inserts through our entity manager, which refuses the same ids as the engine's and writes the rest. */
@IntegrationTest
class InsertIdCheckTest {

    @Autowired
    ProcessEngineConfigurationImpl configuration;
    @Autowired
    IdentityService identityService;

    @Test
    void theWildcardIsRefusedWithTheEnginesMessageAndNothingIsWritten() {
        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
            assertThat(context.getDbEntityManager()).isInstanceOf(InsertIdCheck.EntityManager.class);
            context.getDbEntityManager().insert(new GroupEntity("*"));
            return null;
        })).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity GroupEntity[id=*")
                .hasMessageContaining("has an invalid id")
                .hasMessageContaining("cannot be *");
        assertThat(identityService.createGroupQuery().groupId("*").count()).isZero();
    }

    @Test
    void anEntityWithoutAnIdGetsOneAndOneWithAnIdIsWrittenAsItIs() {
        GroupEntity withoutId = new GroupEntity();
        withoutId.setName("insert-id-check probe");
        configuration.getCommandExecutorTxRequired().execute(context -> {
            context.getDbEntityManager().insert(withoutId);
            context.getDbEntityManager().insert(new UserEntity("insert-id-check-probe"));
            return null;
        });
        try {
            assertThat(withoutId.getId()).isNotBlank();
            assertThat(identityService.createGroupQuery().groupId(withoutId.getId()).singleResult().getName())
                    .isEqualTo("insert-id-check probe");
            assertThat(identityService.createUserQuery().userId("insert-id-check-probe").count()).isOne();
        } finally {
            identityService.deleteGroup(withoutId.getId());
            identityService.deleteUser("insert-id-check-probe");
        }
    }
}
