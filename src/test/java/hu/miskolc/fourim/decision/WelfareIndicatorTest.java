package hu.miskolc.fourim.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The household welfare indicator (jóléti mutató): a sum of points, 0–100, one row per dimension. Managers retune the
 * points in the table; these tests hold the shape that must survive that: best is 100, worst is 0, better is higher,
 * and every dimension always lands in exactly one row.
 */
class WelfareIndicatorTest {

    private static final Path DMN_FILE = Path.of("processes/welfare-indicator.dmn");
    private static final String DECISION_KEY = "welfare-indicator";

    private static final List<String> SCHOOLING = List.of("none", "primary-incomplete", "primary", "vocational",
            "secondary", "higher");
    private static final List<String> UTILITIES = List.of("none", "partial", "full");
    private static final List<String> TENURES = List.of("owned", "rented-municipal", "rented-private", "informal",
            "other");

    private static DmnEngine engine;
    private static DmnDecision decision;
    /** Rule id → the input column (dimension) the rule scores; every rule restricts exactly one column. */
    private static Map<String, String> dimensionOfRule;
    private static List<String> dimensions;
    private static final List<String> matchedRuleIds = new ArrayList<>();

    @BeforeAll
    static void parseDecision() throws IOException {
        // the FEEL engine the server runs (FeelParseCache)
        DmnEngineConfiguration configuration = FeelParseCache.withParseCache(
                        DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
                .customPostDecisionTableEvaluationListeners(List.of(event -> {
                    matchedRuleIds.clear();
                    event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matchedRuleIds::add);
                }));
        engine = configuration.buildEngine();
        try (InputStream in = Files.newInputStream(DMN_FILE)) {
            decision = engine.parseDecision(DECISION_KEY, in);
        }
        readDimensions(Dmn.readModelFromFile(DMN_FILE.toFile()));
    }

    private static void readDimensions(DmnModelInstance model) {
        Decision definition = model.getModelElementById(DECISION_KEY);
        DecisionTable table = (DecisionTable) definition.getExpression();
        dimensions = table.getInputs().stream().map(Input::getId).toList();
        dimensionOfRule = new HashMap<>();
        for (Rule rule : table.getRules()) {
            List<InputEntry> entries = List.copyOf(rule.getInputEntries());
            List<String> restricted = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (!entries.get(i).getText().getTextContent().isBlank()
                        && !"-".equals(entries.get(i).getText().getTextContent().trim())) {
                    restricted.add(dimensions.get(i));
                }
            }
            assertThat(restricted).as("columns restricted by rule %s", rule.getId()).hasSize(1);
            dimensionOfRule.put(rule.getId(), restricted.get(0));
        }
    }

    private static VariableMap household(int incomePerHead, double employedShare, String bestSchooling,
            String utilities, boolean overcrowded, String tenure, double healthLimitedShare, int missingDocuments,
            boolean hasDebts) {
        return Variables.createVariables()
                .putValue("incomePerHead", incomePerHead)
                .putValue("employedShare", employedShare)
                .putValue("bestSchooling", bestSchooling)
                .putValue("utilities", utilities)
                .putValue("overcrowded", overcrowded)
                .putValue("tenure", tenure)
                .putValue("healthLimitedShare", healthLimitedShare)
                .putValue("missingDocuments", missingDocuments)
                .putValue("hasDebts", hasDebts);
    }

    private static VariableMap perfect() {
        return household(250_000, 1.0, "higher", "full", false, "owned", 0.0, 0, false);
    }

    private static VariableMap worst() {
        return household(0, 0.0, "none", "none", true, "informal", 1.0, 4, true);
    }

    /** Somewhere in the middle of every dimension, so that a change in one dimension can go either way. */
    private static VariableMap middling() {
        return household(45_000, 0.5, "primary", "partial", true, "rented-private", 0.5, 1, true);
    }

    private static int score(VariableMap household) {
        Object score = engine.evaluateDecisionTable(decision, household).getSingleEntry();
        return ((Number) score).intValue();
    }

    @ParameterizedTest(name = "perfect household with tenure {0} scores 100")
    @ValueSource(strings = { "owned", "rented-municipal" })
    void aPerfectHouseholdScores100(String tenure) {
        assertThat(score(perfect().putValue("tenure", tenure))).isEqualTo(100);
    }

    @Test
    void theWorstHouseholdScores0() {
        assertThat(score(worst())).isZero();
    }

    static Stream<Arguments> oneDimensionBetter() {
        return Stream.of(
                arguments("incomePerHead", 29_999, 30_000),
                arguments("incomePerHead", 59_999, 60_000),
                arguments("incomePerHead", 99_999, 100_000),
                arguments("incomePerHead", 149_999, 150_000),
                arguments("employedShare", 0.0, 0.25),
                arguments("employedShare", 0.49, 0.5),
                arguments("employedShare", 0.75, 1.0),
                arguments("bestSchooling", "none", "primary-incomplete"),
                arguments("bestSchooling", "primary-incomplete", "primary"),
                arguments("bestSchooling", "primary", "vocational"),
                arguments("bestSchooling", "vocational", "secondary"),
                arguments("bestSchooling", "secondary", "higher"),
                arguments("utilities", "none", "partial"),
                arguments("utilities", "partial", "full"),
                arguments("overcrowded", true, false),
                arguments("tenure", "informal", "other"),
                arguments("tenure", "other", "rented-private"),
                arguments("tenure", "rented-private", "rented-municipal"),
                arguments("tenure", "rented-private", "owned"),
                arguments("healthLimitedShare", 0.35, 0.34),
                arguments("healthLimitedShare", 1.0 / 3, 0.0),
                arguments("missingDocuments", 2, 1),
                arguments("missingDocuments", 1, 0),
                arguments("hasDebts", true, false));
    }

    @ParameterizedTest(name = "{0}: {2} scores higher than {1}")
    @MethodSource("oneDimensionBetter")
    void theBetterOffHouseholdScoresHigher(String dimension, Object worse, Object better) {
        int worseScore = score(middling().putValue(dimension, worse));
        int betterScore = score(middling().putValue(dimension, better));

        assertThat(betterScore).isGreaterThan(worseScore);
    }

    @ParameterizedTest(name = "{0}: {2} scores the same as {1}")
    @CsvSource({ "incomePerHead, 30000, 59999", "incomePerHead, 150000, 1000000", "missingDocuments, 2, 7" })
    void valuesInTheSameBandScoreTheSame(String dimension, int one, int other) {
        assertThat(score(middling().putValue(dimension, one))).isEqualTo(score(middling().putValue(dimension, other)));
    }

    @Test
    void randomHouseholdsScoreWithin0And100WithOneRowPerDimension() {
        Random random = new Random(20_240_601L);
        List<Integer> incomeEdges = List.of(0, 29_999, 30_000, 59_999, 60_000, 99_999, 100_000, 149_999, 150_000);
        for (int n = 0; n < 500; n++) {
            int adults = 1 + random.nextInt(5);
            int members = adults + random.nextInt(6);
            int income = random.nextInt(5) == 0 ? incomeEdges.get(random.nextInt(incomeEdges.size()))
                    : random.nextInt(300_001);
            VariableMap household = household(income,
                    random.nextInt(adults + 1) / (double) adults,
                    SCHOOLING.get(random.nextInt(SCHOOLING.size())),
                    UTILITIES.get(random.nextInt(UTILITIES.size())),
                    random.nextBoolean(),
                    TENURES.get(random.nextInt(TENURES.size())),
                    random.nextInt(members + 1) / (double) members,
                    random.nextInt(members + 1),
                    random.nextBoolean());

            int score = score(household);

            assertThat(score).as("score of %s", household).isBetween(0, 100);
            Map<String, Long> rowsPerDimension = matchedRuleIds.stream()
                    .collect(Collectors.groupingBy(dimensionOfRule::get, Collectors.counting()));
            assertThat(rowsPerDimension).as("matching rows per dimension for %s", household)
                    .isEqualTo(dimensions.stream().collect(Collectors.toMap(Function.identity(), d -> 1L)));
        }
    }

    @ParameterizedTest(name = "missing {0} fails")
    @ValueSource(strings = { "incomePerHead", "employedShare", "bestSchooling", "utilities", "overcrowded", "tenure",
            "healthLimitedShare", "missingDocuments", "hasDebts" })
    void aMissingInputFailsTheEvaluation(String name) {
        VariableMap household = middling();
        household.remove(name);

        assertThatThrownBy(() -> score(household)).isInstanceOf(FeelException.class)
                .hasMessageContaining("required input " + name + " is missing");
    }

    @ParameterizedTest(name = "{0} \"{1}\" is rejected")
    @CsvSource({ "bestSchooling, university", "utilities, some", "tenure, rented" })
    void anUnknownCategoryFailsTheEvaluation(String name, String value) {
        VariableMap household = middling().putValue(name, value);

        assertThatThrownBy(() -> score(household)).isInstanceOf(FeelException.class)
                .hasMessageContaining("required input " + name + " is missing or invalid");
    }
}
