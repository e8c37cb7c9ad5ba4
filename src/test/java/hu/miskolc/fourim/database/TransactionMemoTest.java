package hu.miskolc.fourim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.survey.HouseholdRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction's memo lives exactly as long as the transaction: the import's survey starts take the households it has
 * just registered from it, and nothing of a finished or rolled-back transaction is seen by the next one.
 */
@IntegrationTest
class TransactionMemoTest {

    private static final Object OWNER = new Object();

    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    HouseholdRepository households;

    private TransactionTemplate transaction() {
        return new TransactionTemplate(transactionManager);
    }

    @Test
    void aTransactionKeepsItsMemoUntilItEndsAndOutsideOneNothingIsKept() {
        transaction().executeWithoutResult(status -> {
            TransactionMemo.<String, String>of(OWNER).put("district", "tetemvar");
            assertThat(TransactionMemo.<String, String>of(OWNER)).containsEntry("district", "tetemvar");
        });
        transaction().executeWithoutResult(status -> assertThat(TransactionMemo.of(OWNER)).isEmpty());
        assertThatThrownBy(() -> transaction().executeWithoutResult(status -> {
            TransactionMemo.<String, String>of(OWNER).put("district", "tetemvar");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        transaction().executeWithoutResult(status -> assertThat(TransactionMemo.of(OWNER)).isEmpty());

        TransactionMemo.<String, String>of(OWNER).put("district", "tetemvar");
        assertThat(TransactionMemo.of(OWNER)).isEmpty();
    }

    @Test
    void aTransactionStartedInsideAnotherHasItsOwnMemo() {
        TransactionTemplate inner = transaction();
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transaction().executeWithoutResult(status -> {
            TransactionMemo.<String, String>of(OWNER).put("district", "tetemvar");
            inner.executeWithoutResult(innerStatus -> {
                assertThat(TransactionMemo.of(OWNER)).isEmpty();
                TransactionMemo.<String, String>of(OWNER).put("district", "avas");
            });
            assertThat(TransactionMemo.<String, String>of(OWNER)).containsExactly(Map.entry("district", "tetemvar"));
        });
        transaction().executeWithoutResult(status -> assertThat(TransactionMemo.of(OWNER)).isEmpty());
    }

    @Test
    void aSurveyStartedWhereItsHouseholdWasRegisteredGetsThatHousehold() {
        String address = "Memo utca " + UUID.randomUUID() + ".";
        HouseholdRepository.Address row = new HouseholdRepository.Address("tetemvar", address);
        transaction().executeWithoutResult(status -> {
            HouseholdRepository.Household registered = households.registerNew(List.of(row)).get(row.key());
            HouseholdRepository.Household started = households.registerForSurvey("tetemvar", address);
            assertThat(started).isEqualTo(registered);
            assertThat(started.status()).isEqualTo("planned");
            // taken once: a second start in the same transaction reads the row, and finds the same household
            assertThat(households.registerForSurvey("tetemvar", address).id()).isEqualTo(registered.id());
        });
        assertThat(households.findByAddress("tetemvar", address)).get()
                .extracting(HouseholdRepository.Household::status).isEqualTo("planned");
    }

    @Test
    void aHouseholdOfARolledBackImportIsNotTakenByALaterStart() {
        String address = "Memo utca " + UUID.randomUUID() + ".";
        HouseholdRepository.Address row = new HouseholdRepository.Address("tetemvar", address);
        Map<String, UUID> rolledBack = new HashMap<>();
        assertThatThrownBy(() -> transaction().executeWithoutResult(status -> {
            rolledBack.put("id", households.registerNew(List.of(row)).get(row.key()).id());
            throw new IllegalStateException("the chunk failed");
        })).hasMessage("the chunk failed");

        HouseholdRepository.Household started = transaction().execute(
                status -> households.registerForSurvey("tetemvar", address));
        assertThat(started.id()).isNotEqualTo(rolledBack.get("id"));
        assertThat(households.get(started.id()).address()).isEqualTo(address);
    }
}
