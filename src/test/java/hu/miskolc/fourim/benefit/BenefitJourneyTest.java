package hu.miskolc.fourim.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.IntegrationTest;
import hu.miskolc.fourim.journey.TestJourneys;
import hu.miskolc.fourim.process.ProcessTestSupport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A support granted to a participant shows in their journey (spans two models, so not a *ProcessTest). */
@IntegrationTest
class BenefitJourneyTest extends ProcessTestSupport {

    @Autowired
    TestJourneys journeys;
    @Autowired
    BenefitApplications applications;

    @BeforeEach
    void init() {
        initAssertions();
    }

    @Test
    void aGrantedSupportShowsInThePersonsJourney() {
        ProcessInstance journey = journeys.startJourney("Hajnalka", "tetemvar");
        ProcessInstance application = applications.start(journey.getBusinessKey(), "tetemvar", "housing-maintenance",
                "clerk", null);
        completeAt(application, "Task_FileApplication", BenefitApplicationProcessTest.facts(50000));
        as("clerk", "case-administrators", () -> completeAt(application, "Task_PrepareMunicipalDecision",
                BenefitApplicationProcessTest.grant(12000)));
        as("coordinator", "coordinators", () -> completeAt(application, "Task_ApproveMunicipalDecision",
                Map.of("approval", "approve")));

        assertThat((String) engine.getRuntimeService().getVariable(journey.getId(), "grantedSupports"))
                .startsWith("Lakásfenntartási támogatás: 12 000 Ft, ");
        assertThat(jdbc.queryForObject("select participant_id from benefit_application where process_instance_id = ?",
                Object.class, application.getId())).isEqualTo(journeys.participantId(journey));
    }

    private void as(String user, String group, Runnable action) {
        engine.getIdentityService().setAuthentication(user, List.of(group), List.of("tetemvar"));
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
