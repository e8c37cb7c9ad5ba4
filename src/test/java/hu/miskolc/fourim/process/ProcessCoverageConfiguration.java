package hu.miskolc.fourim.process;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Process test coverage (camunda-process-test-coverage), reported under target/process-test-coverage. Each
 * {@code *ProcessTest} class drives exactly one process model, so its class coverage is that model's coverage;
 * {@link ProcessCoverageCheckTest} fails the build below 95% of flow nodes and sequence flows.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessCoverageConfiguration {

    public static final double MINIMUM_COVERAGE = 0.95;

    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
        return ProcessEngineCoverageProperties.Companion.builder()
                .addInclusionPatternForTestClasses(".*ProcessTest")
                .withDetailedCoverageLogging()
                .build();
    }
}
