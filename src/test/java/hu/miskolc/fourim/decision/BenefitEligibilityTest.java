package hu.miskolc.fourim.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import hu.miskolc.fourim.benefit.BenefitSupport;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code benefit-eligibility} rules, evaluated straight from {@code processes/} by the standalone DMN engine. */
class BenefitEligibilityTest {

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parseDecision() throws IOException {
        engine = FeelParseCache.withParseCache(DmnEngineConfiguration.createDefaultDmnEngineConfiguration()).buildEngine();
        try (InputStream in = Files.newInputStream(Path.of("processes/benefit-eligibility.dmn"))) {
            decision = engine.parseDecision("benefit-eligibility", in);
        }
    }

    @ParameterizedTest(name = "{0}, age {1}, {2} Ft/head, employed {3}, children {4}, carer {5}, ill {6}, crisis {7} → {8}")
    @CsvSource({
            "active-age-benefit,    40, 20000,  false, false, false, false, false, true",
            "active-age-benefit,    40, 20000,  true,  false, false, false, false, false",
            "active-age-benefit,    40, 30000,  false, false, false, false, false, false",
            "active-age-benefit,    66, 10000,  false, false, false, false, false, false",
            "old-age-allowance,     70, 40000,  false, false, false, false, false, true",
            "old-age-allowance,     60, 40000,  false, false, false, false, false, false",
            "care-fee,              45, 200000, true,  false, true,  false, false, true",
            "care-fee,              45, 20000,  false, false, false, false, false, false",
            "health-support,        50, 40000,  false, false, false, true,  false, true",
            "health-support,        50, 50000,  false, false, false, true,  false, false",
            "child-protection,      30, 35000,  false, true,  false, false, false, true",
            "child-protection,      30, 35000,  false, false, false, false, false, false",
            "crisis-support,        30, 90000,  true,  false, false, false, true,  true",
            "crisis-support,        30, 9000,   false, false, false, false, false, false",
            "medication,            55, 80000,  false, false, false, true,  false, true",
            "medication,            55, 90000,  false, false, false, true,  false, false",
            "housing-maintenance,   35, 70000,  true,  false, false, false, false, true",
            "housing-maintenance,   35, 72000,  false, false, false, false, false, false",
            "life-start,            25, 90000,  true,  true,  false, false, false, true",
            "birth,                 25, 90000,  true,  false, false, false, false, false",
            "schooling,             35, 50000,  true,  true,  false, false, false, true",
            "child-meal-discount,   35, 60000,  true,  true,  false, false, false, false",
            "local-transport,       70, 50000,  false, false, false, false, false, true",
            "local-transport,       40, 50000,  false, false, false, true,  false, true",
            "local-transport,       40, 50000,  false, false, false, false, false, false",
            "youth-protection,      20, 90000,  false, false, false, false, false, true",
            "youth-protection,      30, 10000,  false, false, false, false, false, false",
            "salkahazi-programme,   30, 50000,  false, true,  false, false, false, true",
            "extraordinary-support, 60, 90000,  false, false, false, false, true,  true",
            "extraordinary-support, 60, 10000,  false, false, false, false, false, false"})
    void eligibilityPerSupport(String support, int age, int incomePerHead, boolean employed, boolean hasChildren,
                               boolean caresForRelative, boolean chronicIllness, boolean crisisSituation,
                               boolean eligible) {
        DmnDecisionResultEntries result = evaluate(support, age, incomePerHead, employed, hasChildren,
                caresForRelative, chronicIllness, crisisSituation);
        assertThat((Boolean) result.get("eligible")).isEqualTo(eligible);
        assertThat((String) result.get("reason")).isNotBlank();
    }

    @Test
    void everySupportOfTheSeedListHasAtLeastOneRule() throws IOException {
        String table = Files.readString(Path.of("processes/benefit-eligibility.dmn"));
        assertThat(Arrays.stream(BenefitSupport.values()))
                .allSatisfy(s -> assertThat(table).contains("\"" + s.code() + "\""));
    }

    @Test
    void anUnknownSupportIsNotEligible() {
        assertThat((Boolean) evaluate("moon-allowance", 30, 0, false, true, true, true, true).get("eligible")).isFalse();
    }

    private static DmnDecisionResultEntries evaluate(String support, int age, int incomePerHead, boolean employed,
                                                     boolean hasChildren, boolean caresForRelative,
                                                     boolean chronicIllness, boolean crisisSituation) {
        return engine.evaluateDecision(decision, Variables.createVariables().putValue("supportType", support)
                .putValue("age", age).putValue("incomePerHead", incomePerHead).putValue("employed", employed)
                .putValue("hasChildren", hasChildren).putValue("caresForRelative", caresForRelative)
                .putValue("chronicIllness", chronicIllness).putValue("crisisSituation", crisisSituation))
                .getSingleResult();
    }
}
