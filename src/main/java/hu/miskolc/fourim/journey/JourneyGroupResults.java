package hu.miskolc.fourim.journey;

import static hu.miskolc.fourim.journey.ParticipantJourneyProcess.*;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A group's (cohort's) result for one member goes into the member's journey: it is recorded as a milestone of the
 * package, and if the journey waits for that package's delivery step, the result completes it — a completed group
 * training advances the education milestone, a group session counts as the service given.
 */
@Component
public class JourneyGroupResults {

    public static final String COMPLETED = "completed";

    private final ParticipantRepository participants;
    private final RuntimeService runtimeService;
    private final TaskService taskService;

    JourneyGroupResults(ParticipantRepository participants, @Lazy RuntimeService runtimeService,
                        @Lazy TaskService taskService) {
        this.participants = participants;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
    }

    /** @return true if the result completed a waiting step of the journey */
    public boolean apply(UUID participantId, String caseRef, String pkg, String result, String groupName) {
        ServicePackage servicePackage = ServicePackage.fromCode(pkg);
        participants.recordMilestone(participantId, pkg, "group-result", result, null);
        ProcessInstance journey = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(caseRef).active().list().stream().findFirst().orElse(null);
        if (journey == null) {
            return false;
        }
        boolean education = servicePackage == ServicePackage.EDUCATION;
        Optional<Task> step = taskService.createTaskQuery().processInstanceId(journey.getId())
                .taskDefinitionKey(education ? "Task_TrainingCompletion" : "Task_ServiceGiven").list().stream()
                .filter(task -> pkg.equals(taskService.getVariable(task.getId(), PACKAGE))).findFirst();
        if (step.isEmpty()) {
            return false;
        }
        if (education) {
            taskService.complete(step.get().getId(), Map.of("trainingCompleted", COMPLETED.equals(result) ? "yes" : "no",
                    "completionNote", "Csoportos képzés: " + groupName));
        } else {
            taskService.complete(step.get().getId(), Map.of("serviceDescription", "Csoportos foglalkozás: " + groupName
                    + (COMPLETED.equals(result) ? " (teljesítette)" : " (nem teljesítette)")));
        }
        return true;
    }
}
