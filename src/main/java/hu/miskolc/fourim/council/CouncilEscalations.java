package hu.miskolc.fourim.council;

import static hu.miskolc.fourim.council.CouncilReviewProcess.*;

import java.util.Optional;

import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * Puts a participant's case before the council: starts a {@code council-review} for the open journey of the case.
 * Used by the escalation endpoint and by the coach's follow-up form; the journey then waits for the decision.
 */
@Service
public class CouncilEscalations {

    static final int MAX_QUESTION = 2000;

    /** An open journey: its instance and district. */
    public record OpenCase(String caseRef, String processInstanceId, String participantId, String districtCode) {
    }

    private final RuntimeService runtimeService;

    CouncilEscalations(@Lazy RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    public Optional<OpenCase> openCase(String caseRef) {
        ProcessInstance journey = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ParticipantJourneyProcess.KEY).processInstanceBusinessKey(caseRef)
                .active().list().stream().findFirst().orElse(null);
        if (journey == null) {
            return Optional.empty();
        }
        Object participantId = runtimeService.getVariable(journey.getId(), ParticipantJourneyProcess.PARTICIPANT_ID);
        Object districtCode = runtimeService.getVariable(journey.getId(), ParticipantJourneyProcess.DISTRICT_CODE);
        if (participantId == null || districtCode == null) {
            return Optional.empty();
        }
        return Optional.of(new OpenCase(caseRef, journey.getId(), participantId.toString(), districtCode.toString()));
    }

    /** Starts the council review of an open case; returns the new {@code council-review} instance. */
    public ProcessInstance escalate(OpenCase openCase, String question, String escalatedBy) {
        String text = question == null ? "" : question.trim();
        if (text.isEmpty() || text.length() > MAX_QUESTION) {
            throw new IllegalArgumentException("The question to the council must have 1 to " + MAX_QUESTION
                    + " characters");
        }
        return runtimeService.createProcessInstanceByKey(KEY)
                .setVariables(Variables.createVariables()
                        .putValue(ITEM_KIND, "case")
                        .putValue(CASE_REF, openCase.caseRef())
                        .putValue(CASE_PROCESS_INSTANCE_ID, openCase.processInstanceId())
                        .putValue(PARTICIPANT_ID, openCase.participantId())
                        .putValue(DISTRICT_CODE, openCase.districtCode())
                        .putValue(ITEM_TITLE, "Eszkalált ügy: " + openCase.caseRef())
                        .putValue(ITEM_QUESTION, text)
                        .putValue(SUBMITTED_BY, escalatedBy))
                .execute();
    }
}
