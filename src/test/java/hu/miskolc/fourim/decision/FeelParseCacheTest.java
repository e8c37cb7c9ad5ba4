package hu.miskolc.fourim.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's decisions evaluate with FEEL expressions parsed once: the same results (the decision tests run on this
 * engine too), the same errors, and an evaluation that runs the same expressions again parses nothing.
 */
@IntegrationTest
class FeelParseCacheTest {

    @Autowired
    ProcessEngineConfigurationImpl configuration;
    @Autowired
    DecisionService decisions;

    private static VariableMap household(int incomePerHead, String schooling, boolean hasDebts) {
        return Variables.createVariables()
                .putValue("incomePerHead", incomePerHead)
                .putValue("employedShare", 0.5)
                .putValue("bestSchooling", schooling)
                .putValue("utilities", "partial")
                .putValue("overcrowded", true)
                .putValue("tenure", "rented-private")
                .putValue("healthLimitedShare", 0.5)
                .putValue("missingDocuments", 1)
                .putValue("hasDebts", hasDebts);
    }

    private int score(VariableMap household) {
        return ((Number) decisions.evaluateDecisionTableByKey("welfare-indicator", household).getSingleEntry())
                .intValue();
    }

    @Test
    void aSecondEvaluationParsesNothingAndEachReadsItsOwnInputs() {
        FeelParseCache.CachingScalaFeelEngine feel = (FeelParseCache.CachingScalaFeelEngine)
                configuration.getDmnEngineConfiguration().getFeelEngine();

        int poorer = score(household(20_000, "primary", true));
        int parsed = feel.parsedExpressions();
        int again = score(household(20_000, "primary", true));
        int parsedAgain = feel.parsedExpressions();
        int richer = score(household(150_000, "secondary", false));

        assertThat(parsed).isPositive();
        assertThat(parsedAgain).isEqualTo(parsed);
        assertThat(again).isEqualTo(poorer);
        assertThat(richer).isGreaterThan(poorer);
    }

    @Test
    void aFailingExpressionFailsAsOnCamundasOwnEngineEveryTime() throws Exception {
        VariableMap missingIncome = household(0, "primary", true);
        missingIncome.remove("incomePerHead");
        DmnEngine stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision stockDecision;
        try (InputStream in = Files.newInputStream(Path.of("processes/welfare-indicator.dmn"))) {
            stockDecision = stock.parseDecision("welfare-indicator", in);
        }
        String stockMessage = null;
        try {
            stock.evaluateDecisionTable(stockDecision, missingIncome);
        } catch (FeelException e) {
            stockMessage = e.getMessage();
        }
        assertThat(stockMessage).contains("required input incomePerHead is missing or invalid");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> decisions.evaluateDecisionTableByKey("welfare-indicator", missingIncome))
                    .hasRootCauseInstanceOf(FeelException.class)
                    .rootCause().hasMessage(stockMessage);
        }
    }
}
