package hu.miskolc.fourim.journey;

import static hu.miskolc.fourim.journey.ParticipantJourneyProcess.*;

import java.util.UUID;

import hu.miskolc.fourim.survey.HouseholdRepository;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Starts one journey per working-age adult who agreed to be contacted, once per person. */
@Component
public class ParticipantJourneyStarter {

    private final ParticipantRepository participants;
    private final RuntimeService runtimeService;

    ParticipantJourneyStarter(ParticipantRepository participants, @Lazy RuntimeService runtimeService) {
        this.participants = participants;
        this.runtimeService = runtimeService;
    }

    public boolean startIfNew(UUID householdId, HouseholdRepository.Member member, String districtCode,
                              String districtName, String householdCaseRef) {
        if (participants.existsForMember(householdId, member.firstName(), member.birthYear())) {
            return false;
        }
        String caseRef = householdCaseRef + "-" + member.memberNo();
        UUID participantId = participants.create(member.id(), householdId, districtCode, caseRef);
        runtimeService.createProcessInstanceByKey(KEY)
                .businessKey(caseRef)
                .setVariables(Variables.createVariables()
                        .putValue(PARTICIPANT_ID, participantId.toString())
                        .putValue(PARTICIPANT_MEMBER_ID, member.id().toString())
                        .putValue(CASE_REF, caseRef)
                        .putValue(HOUSEHOLD_ID, householdId.toString())
                        .putValue(DISTRICT_CODE, districtCode)
                        .putValue(DISTRICT_NAME, districtName)
                        .putValue(FIRST_NAME, member.firstName()))
                .execute();
        return true;
    }
}
