package hu.miskolc.fourim.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Enforces the coverage that camunda-process-test-coverage reports: after the process tests ran (this class runs
 * last), each process model's flow nodes and sequence flows must be covered to at least 95% by its process test
 * class. Reads the library's report.json of that class.
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageCheckTest {

    @ParameterizedTest(name = "{0} covered by {1}")
    @CsvSource({
            "household-survey, hu.miskolc.fourim.survey.HouseholdSurveyProcessTest",
            "participant-journey, hu.miskolc.fourim.journey.ParticipantJourneyProcessTest",
            "council-review, hu.miskolc.fourim.council.CouncilReviewProcessTest",
            "benefit-application, hu.miskolc.fourim.benefit.BenefitApplicationProcessTest",
            "cohort, hu.miskolc.fourim.cohort.CohortProcessTest"})
    void everyProcessIsCoveredByItsProcessTest(String processKey, String testClass) throws IOException {
        Path report = Path.of("target/process-test-coverage", testClass, "report.json");
        assertThat(report).as("coverage report of %s (run the whole suite)", testClass).exists();
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));

        int total = 0;
        for (JsonNode model : json.path("models")) {
            if (processKey.equals(model.path("key").asText())) {
                total = model.path("totalElementCount").asInt();
            }
        }
        Set<String> covered = new HashSet<>();
        for (JsonNode suite : json.path("suites")) {
            for (JsonNode run : suite.path("runs")) {
                for (JsonNode event : run.path("events")) {
                    if (processKey.equals(event.path("modelKey").asText())) {
                        covered.add(event.path("definitionKey").asText());
                    }
                }
            }
        }
        assertThat(total).as("elements of %s", processKey).isPositive();
        double coverage = (double) covered.size() / total;
        assertThat(coverage).as("coverage of %s (%d of %d flow nodes and sequence flows)", processKey,
                covered.size(), total).isGreaterThanOrEqualTo(ProcessCoverageConfiguration.MINIMUM_COVERAGE);
    }
}
