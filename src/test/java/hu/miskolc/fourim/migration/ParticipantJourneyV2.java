package hu.miskolc.fourim.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.springframework.core.io.ClassPathResource;

/**
 * A second version of {@code participant-journey} as a manager might model it: a task added before the intake
 * ({@link #ADDED}), the needs assessment renamed ({@link #RENAMED_FROM} → {@link #RENAMED_TO}) and the journey's
 * document assistance removed ({@link #REMOVED}). Built from the real model, so everything else stays equal.
 */
final class ParticipantJourneyV2 {

    static final String ADDED = "Task_WelcomeCall";
    static final String RENAMED_FROM = "Task_NeedsAssessment";
    static final String RENAMED_TO = "Task_Assessment";
    static final String REMOVED = "Task_JourneyDocumentAssistance";

    private ParticipantJourneyV2() {
    }

    static String xml() throws IOException {
        BpmnModelInstance model;
        try (InputStream in = new ClassPathResource("processes/participant-journey.bpmn").getInputStream()) {
            model = Bpmn.readModelFromStream(in);
        }
        Process process = model.getModelElementById("participant-journey");

        UserTask assessment = model.getModelElementById(RENAMED_FROM);
        assessment.setId(RENAMED_TO);
        assessment.setName("Igényfelmérés és tanácsadás");

        UserTask intake = model.getModelElementById("Task_IntakeConsent");
        SequenceFlow toIntake = model.getModelElementById("SequenceFlow_ToIntake");
        UserTask welcome = model.newInstance(UserTask.class);
        welcome.setId(ADDED);
        welcome.setName("Üdvözlő hívás");
        welcome.setCamundaCandidateGroups("coaches");
        welcome.setCamundaFormRef("follow-up");
        welcome.setCamundaFormRefBinding("deployment");
        process.addChildElement(welcome);
        SequenceFlow welcomeToIntake = model.newInstance(SequenceFlow.class);
        welcomeToIntake.setId("SequenceFlow_WelcomeToIntake");
        process.addChildElement(welcomeToIntake);
        welcomeToIntake.setSource(welcome);
        welcomeToIntake.setTarget(intake);
        toIntake.setTarget(welcome);
        intake.getIncoming().remove(toIntake);
        intake.getIncoming().add(welcomeToIntake);
        welcome.getIncoming().add(toIntake);
        welcome.getOutgoing().add(welcomeToIntake);

        FlowNode split = model.getModelElementById("Gateway_DocumentsSplit");
        SequenceFlow missing = model.getModelElementById("SequenceFlow_DocumentsMissing");
        split.getOutgoing().remove(missing);
        for (String id : List.of("SequenceFlow_DocumentsMissing", REMOVED, "SequenceFlow_ToDocumentsHandled",
                "EndEvent_DocumentsHandled")) {
            BaseElement element = model.getModelElementById(id);
            model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() == element)
                    .forEach(s -> s.getParentElement().removeChildElement(s));
            model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnElement() == element)
                    .forEach(e -> e.getParentElement().removeChildElement(e));
            element.getParentElement().removeChildElement(element);
        }
        return Bpmn.convertToString(model);
    }
}
