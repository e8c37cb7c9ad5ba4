package hu.miskolc.fourim.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package decision (DOMAIN.md §2, CONTRACT.md service-package-assignment), evaluated by Camunda's standalone DMN
 * engine straight from {@code processes/}, the file the server deploys.
 */
class ServicePackageAssignmentTest {

    private static final Path DMN_FILE = Path.of("processes/service-package-assignment.dmn");
    private static final String DECISION_KEY = "service-package-assignment";

    private static final String EMPLOYMENT = "employment";
    private static final String EDUCATION = "education";
    private static final String LIVING_CONDITIONS = "living-conditions";
    private static final String OPEN_DOOR = "open-door";
    private static final String MOTIVATION = "motivation";

    private static final List<String> BARRIERS_AND_LACKS = List.of("lacksSchooling", "lacksQualification",
            "housingBarrier", "transportBarrier", "healthBarrier", "debtBarrier", "legalBarrier", "familyBarrier");

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parseDecision() throws IOException {
        engine = FeelParseCache.withParseCache(DmnEngineConfiguration.createDefaultDmnEngineConfiguration()).buildEngine();
        try (InputStream in = Files.newInputStream(DMN_FILE)) {
            decision = engine.parseDecision(DECISION_KEY, in);
        }
    }

    /** A cooperating person, not ready for work, with no lack and no barrier: the starting point of every case. */
    private static VariableMap cooperatingWithNothing() {
        VariableMap variables = Variables.createVariables()
                .putValue("cooperating", true)
                .putValue("readyForWork", false)
                .putValue("workCapacity", "full");
        BARRIERS_AND_LACKS.forEach(name -> variables.putValue(name, false));
        return variables;
    }

    private static VariableMap withEverything() {
        VariableMap variables = cooperatingWithNothing().putValue("readyForWork", true);
        BARRIERS_AND_LACKS.forEach(name -> variables.putValue(name, true));
        return variables;
    }

    private static List<Map<String, Object>> evaluate(VariableMap variables) {
        return engine.evaluateDecisionTable(decision, variables).getResultList();
    }

    private static List<String> packages(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> (String) row.get("package")).toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("not cooperating", cooperatingWithNothing().putValue("cooperating", false),
                        List.of(MOTIVATION)),
                arguments("not cooperating, even if ready for work with every barrier",
                        withEverything().putValue("cooperating", false), List.of(MOTIVATION)),
                arguments("cooperating with nothing else", cooperatingWithNothing(), List.of(MOTIVATION)),
                arguments("lacks schooling", cooperatingWithNothing().putValue("lacksSchooling", true),
                        List.of(EDUCATION)),
                arguments("lacks qualification", cooperatingWithNothing().putValue("lacksQualification", true),
                        List.of(EDUCATION)),
                arguments("housing barrier", cooperatingWithNothing().putValue("housingBarrier", true),
                        List.of(LIVING_CONDITIONS)),
                arguments("transport barrier", cooperatingWithNothing().putValue("transportBarrier", true),
                        List.of(LIVING_CONDITIONS)),
                arguments("health barrier", cooperatingWithNothing().putValue("healthBarrier", true),
                        List.of(OPEN_DOOR)),
                arguments("debt barrier", cooperatingWithNothing().putValue("debtBarrier", true),
                        List.of(OPEN_DOOR)),
                arguments("legal barrier", cooperatingWithNothing().putValue("legalBarrier", true),
                        List.of(OPEN_DOOR)),
                arguments("family barrier", cooperatingWithNothing().putValue("familyBarrier", true),
                        List.of(OPEN_DOOR)),
                arguments("both education reasons give education once",
                        cooperatingWithNothing().putValue("lacksSchooling", true).putValue("lacksQualification", true),
                        List.of(EDUCATION)),
                arguments("both living-conditions reasons give living-conditions once",
                        cooperatingWithNothing().putValue("housingBarrier", true).putValue("transportBarrier", true),
                        List.of(LIVING_CONDITIONS)),
                arguments("all four open-door reasons give open-door once",
                        cooperatingWithNothing().putValue("healthBarrier", true).putValue("debtBarrier", true)
                                .putValue("legalBarrier", true).putValue("familyBarrier", true),
                        List.of(OPEN_DOOR)),
                arguments("ready for work with every barrier", withEverything(),
                        List.of(EMPLOYMENT, EDUCATION, LIVING_CONDITIONS, OPEN_DOOR)),
                arguments("reduced capacity, no qualification, family barrier",
                        cooperatingWithNothing().putValue("readyForWork", true).putValue("workCapacity", "reduced")
                                .putValue("lacksQualification", true).putValue("familyBarrier", true),
                        List.of(EMPLOYMENT, EDUCATION, OPEN_DOOR)),
                arguments("not ready, no schooling, transport and debt barriers",
                        cooperatingWithNothing().putValue("lacksSchooling", true).putValue("transportBarrier", true)
                                .putValue("debtBarrier", true),
                        List.of(EDUCATION, LIVING_CONDITIONS, OPEN_DOOR)));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void assignsThePackages(String description, VariableMap variables, List<String> expected) {
        List<String> packages = packages(evaluate(variables));

        assertThat(packages).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "workCapacity {0} -> employment track {1}")
    @CsvSource({ "full, full", "home-only, home", "reduced, reduced" })
    void readyForWorkGetsEmploymentWithTheMatchingTrack(String workCapacity, String track) {
        List<Map<String, Object>> rows = evaluate(
                cooperatingWithNothing().putValue("readyForWork", true).putValue("workCapacity", workCapacity));

        assertThat(rows).containsExactly(Map.of("package", EMPLOYMENT, "employmentTrack", track));
    }

    @ParameterizedTest(name = "workCapacity {0}: track {1} only on the employment row")
    @CsvSource({ "full, full", "home-only, home", "reduced, reduced" })
    void employmentTrackIsSetOnlyOnTheEmploymentRow(String workCapacity, String track) {
        List<Map<String, Object>> rows = evaluate(withEverything().putValue("workCapacity", workCapacity));

        assertThat(packages(rows)).containsExactlyInAnyOrder(EMPLOYMENT, EDUCATION, LIVING_CONDITIONS, OPEN_DOOR);
        rows.forEach(row -> assertThat(row.get("employmentTrack")).as("employmentTrack of %s", row.get("package"))
                .isEqualTo(EMPLOYMENT.equals(row.get("package")) ? track : null));
    }

    /**
     * Every combination of a cooperating person's inputs against the rules of DOMAIN.md §2 written out in Java (a
     * person who does not cooperate is covered above: every other row requires cooperating = true).
     */
    @Test
    void everyCombinationMatchesTheDomainRules() {
        List<String> booleans = new ArrayList<>(List.of("readyForWork"));
        booleans.addAll(BARRIERS_AND_LACKS);
        int combinations = 0;
        for (String workCapacity : List.of("full", "home-only", "reduced")) {
            for (int bits = 0; bits < 1 << booleans.size(); bits++) {
                VariableMap variables = Variables.createVariables().putValue("cooperating", true)
                        .putValue("workCapacity", workCapacity);
                for (int i = 0; i < booleans.size(); i++) {
                    variables.putValue(booleans.get(i), (bits & 1 << i) != 0);
                }
                List<Map<String, Object>> rows = evaluate(variables);

                assertThat(packages(rows)).as("packages for %s", variables).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expectedPackages(variables));
                for (Map<String, Object> row : rows) {
                    assertThat(row.get("employmentTrack"))
                            .as("employmentTrack of %s for %s", row.get("package"), variables)
                            .isEqualTo(EMPLOYMENT.equals(row.get("package")) ? expectedTrack(workCapacity) : null);
                }
                combinations++;
            }
        }
        assertThat(combinations).isEqualTo(3 * 512);
    }

    private static List<String> expectedPackages(VariableMap v) {
        if (!is(v, "cooperating")) {
            return List.of(MOTIVATION);
        }
        List<String> expected = new ArrayList<>();
        if (is(v, "readyForWork")) {
            expected.add(EMPLOYMENT);
        }
        if (is(v, "lacksSchooling") || is(v, "lacksQualification")) {
            expected.add(EDUCATION);
        }
        if (is(v, "housingBarrier") || is(v, "transportBarrier")) {
            expected.add(LIVING_CONDITIONS);
        }
        if (is(v, "healthBarrier") || is(v, "debtBarrier") || is(v, "legalBarrier") || is(v, "familyBarrier")) {
            expected.add(OPEN_DOOR);
        }
        if (expected.isEmpty()) {
            expected.add(MOTIVATION);
        }
        return expected;
    }

    private static boolean is(VariableMap variables, String name) {
        return variables.getValue(name, Boolean.class);
    }

    private static String expectedTrack(String workCapacity) {
        return switch (workCapacity) {
            case "full" -> "full";
            case "home-only" -> "home";
            case "reduced" -> "reduced";
            default -> throw new IllegalArgumentException(workCapacity);
        };
    }

    @ParameterizedTest(name = "missing {0} fails")
    @ValueSource(strings = { "cooperating", "readyForWork", "workCapacity", "lacksSchooling", "lacksQualification",
            "housingBarrier", "transportBarrier", "healthBarrier", "debtBarrier", "legalBarrier", "familyBarrier" })
    void aMissingInputFailsTheEvaluation(String name) {
        VariableMap variables = withEverything();
        variables.remove(name);

        assertThatThrownBy(() -> evaluate(variables)).isInstanceOf(FeelException.class)
                .hasMessageContaining("required input " + name + " is missing");
    }

    @Test
    void aNullInputFailsTheEvaluation() {
        VariableMap variables = cooperatingWithNothing().putValue("healthBarrier", null);

        assertThatThrownBy(() -> evaluate(variables)).isInstanceOf(FeelException.class)
                .hasMessageContaining("required input healthBarrier is missing");
    }

    @ParameterizedTest(name = "workCapacity \"{0}\" is rejected")
    @ValueSource(strings = { "home", "Full", "" })
    void anUnknownWorkCapacityFailsTheEvaluation(String workCapacity) {
        VariableMap variables = cooperatingWithNothing().putValue("readyForWork", true)
                .putValue("workCapacity", workCapacity);

        assertThatThrownBy(() -> evaluate(variables)).isInstanceOf(FeelException.class)
                .hasMessageContaining("required input workCapacity is missing or invalid");
    }
}
