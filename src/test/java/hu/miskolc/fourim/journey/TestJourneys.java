package hu.miskolc.fourim.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.survey.HouseholdRepository;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Participants and journeys for tests of the models that work with a person's case. */
@Component
public class TestJourneys {

    private final HouseholdRepository households;
    private final ParticipantJourneyStarter starter;
    private final ParticipantRepository participants;
    private final ProcessEngine engine;

    TestJourneys(HouseholdRepository households, ParticipantJourneyStarter starter, ParticipantRepository participants,
                 ProcessEngine engine) {
        this.households = households;
        this.starter = starter;
        this.participants = participants;
        this.engine = engine;
    }

    /** A surveyed working-age adult of a new household in the district, with a journey waiting for consent. */
    public ProcessInstance startJourney(String firstName, String districtCode) {
        return startJourney(firstName, districtCode, true, true);
    }

    public ProcessInstance startJourney(String firstName, String districtCode, boolean addressCard, boolean tajCard) {
        HouseholdRepository.Household household = households.registerForSurvey(districtCode,
                "Tesztutca " + UUID.randomUUID());
        HouseholdRepository.Member member = new HouseholdRepository.Member(UUID.randomUUID(), 1, firstName, 1985,
                "head", "primary", "unemployed", "full", false, "other", addressCard, tajCard, true);
        households.saveSurvey(household.id(), new HouseholdRepository.HouseholdFacts("owned", "full", 2, 150000, false),
                List.of(member));
        assertThat(starter.startIfNew(household.id(), member, districtCode, districtCode, household.caseRef())).isTrue();
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(household.caseRef() + "-1").singleResult();
    }

    /**
     * A participant record without a journey (for models that only read the tables): an adult born in
     * {@code birthYear}, with the household's monthly income and any children; returns the case reference.
     */
    public String participantCase(String districtCode, int birthYear, String employmentStatus, int householdIncome,
                                  boolean addressCard, boolean tajCard, int... childBirthYears) {
        HouseholdRepository.Household household = households.registerForSurvey(districtCode,
                "Tesztutca " + UUID.randomUUID());
        List<HouseholdRepository.Member> members = new java.util.ArrayList<>();
        HouseholdRepository.Member adult = new HouseholdRepository.Member(UUID.randomUUID(), 1, "Teszt", birthYear,
                "head", "primary", employmentStatus, "full", false, "other", addressCard, tajCard, true);
        members.add(adult);
        int no = 2;
        for (int year : childBirthYears) {
            members.add(new HouseholdRepository.Member(UUID.randomUUID(), no++, "Gyerek", year, "child", "primary",
                    "student", "full", false, "", true, true, false));
        }
        households.saveSurvey(household.id(), new HouseholdRepository.HouseholdFacts("rented", "full", 2,
                householdIncome, false), members);
        String caseRef = household.caseRef() + "-1";
        participants.create(adult.id(), household.id(), districtCode, caseRef);
        return caseRef;
    }

    /** The package's working group has accepted the participant (as after a referral round). */
    public void acceptedInto(String caseRef, String pkg) {
        UUID id = participants.findByCaseRef(caseRef).orElseThrow();
        String district = (String) participants.row(id).get("district_code");
        participants.createReferral(id, district, pkg, null);
        participants.decideReferral(id, pkg, true, null, "test");
        participants.setStatus(id, "in-service");
    }

    /** Consent and a needs assessment: the journey then waits at the referrals of the chosen packages. */
    public void consentAndAssess(ProcessInstance journey, Map<String, Object> answers) {
        var tasks = engine.getTaskService();
        tasks.complete(tasks.createTaskQuery().processInstanceId(journey.getId()).taskDefinitionKey("Task_IntakeConsent")
                .singleResult().getId(), Map.of("consentDecision", "given"));
        tasks.complete(tasks.createTaskQuery().processInstanceId(journey.getId())
                .taskDefinitionKey("Task_NeedsAssessment").singleResult().getId(), assessment(answers));
    }

    /**
     * The needs-assessment form's answers: no barrier, cooperating, full work capacity, documents in order, then
     * {@code answers} on top.
     */
    public static Map<String, Object> assessment(Map<String, Object> answers) {
        Map<String, Object> variables = new HashMap<>();
        ParticipantJourneyProcess.ASSESSMENT_FLAGS.forEach(flag -> variables.put(flag, false));
        variables.put("cooperating", true);
        variables.put("workCapacity", "full");
        variables.put("hasAddressCard", true);
        variables.put("hasTajCard", true);
        variables.putAll(answers);
        return variables;
    }

    public String caseRef(ProcessInstance journey) {
        return journey.getBusinessKey();
    }

    public UUID participantId(ProcessInstance journey) {
        return participants.findByCaseRef(journey.getBusinessKey()).orElseThrow();
    }
}
