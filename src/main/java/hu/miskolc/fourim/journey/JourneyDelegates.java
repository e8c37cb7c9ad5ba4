package hu.miskolc.fourim.journey;

import static hu.miskolc.fourim.journey.ParticipantJourneyProcess.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.notification.MailTemplate;
import hu.miskolc.fourim.notification.NotificationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service steps and task listeners of {@code participant-journey}: thin translations between process variables
 * and {@link ParticipantRepository}. Logs name case references only, never personal details.
 */
@Configuration(proxyBeanMethods = false)
class JourneyDelegates {

    private static final Logger log = LoggerFactory.getLogger(JourneyDelegates.class);

    /** Which form field carries the result of each milestone task. */
    private static final Map<String, String> MILESTONE_RESULTS = Map.of(
            "Task_ActionPlan", "agreedWithParticipant",
            "Task_JobMatching", "matchedOffers",
            "Task_JobPlacement", "placed",
            "Task_RetentionCheck", "stillEmployed",
            "Task_TrainingEnrolment", "enrolled",
            "Task_TrainingCompletion", "trainingCompleted",
            "Task_ServiceGiven", "serviceDescription",
            "Task_ServiceEffect", "effect");

    /** The models refer to the settings as {@code ${journeySettings…}}. */
    @Bean("journeySettings")
    JourneySettings journeySettingsForModels(JourneySettings settings) {
        return settings;
    }

    @Bean
    JavaDelegate recordConsent(ParticipantRepository participants) {
        return execution -> participants.recordConsent(participantId(execution),
                "given".equals(execution.getVariable(CONSENT_DECISION)));
    }

    @Bean
    JavaDelegate eraseNonConsenting(ParticipantRepository participants) {
        return execution -> {
            participants.eraseIdentity(participantId(execution));
            execution.removeVariable(FIRST_NAME);
            log.info("Journey {} ended without consent; identity erased", execution.getBusinessKey());
        };
    }

    @Bean
    JavaDelegate saveAssessment(ParticipantRepository participants) {
        return execution -> {
            Map<String, Boolean> flags = new java.util.HashMap<>();
            for (String flag : ASSESSMENT_FLAGS) {
                flags.put(flag, Boolean.TRUE.equals(execution.getVariable(flag)));
                execution.setVariable(flag, flags.get(flag)); // the decision needs every input set
            }
            String workCapacity = (String) execution.getVariable(WORK_CAPACITY);
            if (workCapacity == null) {
                throw new ProcessEngineException("The needs assessment has no work capacity");
            }
            ParticipantRepository.Assessment assessment = new ParticipantRepository.Assessment(
                    flags.get("cooperating"), flags.get("readyForWork"), workCapacity, flags.get("lacksSchooling"),
                    flags.get("lacksQualification"), flags.get("housingBarrier"), flags.get("transportBarrier"),
                    flags.get("healthBarrier"), flags.get("debtBarrier"), flags.get("legalBarrier"),
                    flags.get("familyBarrier"));
            boolean missingDocuments = !Boolean.TRUE.equals(execution.getVariable("hasAddressCard"))
                    || !Boolean.TRUE.equals(execution.getVariable("hasTajCard"));
            participants.saveAssessment(participantId(execution), currentUser(), assessment, missingDocuments);
            execution.setVariable(MISSING_DOCUMENTS, missingDocuments);
        };
    }

    @Bean
    JavaDelegate createReferrals(ParticipantRepository participants) {
        return execution -> {
            UUID id = participantId(execution);
            Set<String> accepted = new LinkedHashSet<>(participants.acceptedPackages(id));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> decisions = (List<Map<String, Object>>) execution.getVariable(PACKAGE_DECISIONS);
            List<String> pending = new ArrayList<>();
            for (Map<String, Object> decision : decisions == null ? List.<Map<String, Object>>of() : decisions) {
                String pkg = (String) decision.get("package");
                ServicePackage.fromCode(pkg); // a rule table edited to an unknown package fails loudly here
                if (!accepted.contains(pkg) && !pending.contains(pkg)) {
                    participants.createReferral(id, (String) execution.getVariable(DISTRICT_CODE), pkg,
                            (String) decision.get("employmentTrack"));
                    pending.add(pkg);
                }
                if (decision.get("employmentTrack") != null) {
                    execution.setVariable("employmentTrack", decision.get("employmentTrack"));
                }
            }
            execution.setVariable(PENDING_PACKAGES, pending);
        };
    }

    @Bean
    JavaDelegate recordReferralDecision(ParticipantRepository participants) {
        return execution -> participants.decideReferral(participantId(execution),
                (String) execution.getVariable(PACKAGE), "accept".equals(execution.getVariable(REFERRAL_DECISION)),
                (String) execution.getVariable(RETURN_REASON), currentUser());
    }

    @Bean
    JavaDelegate notifyReferralOverdue(ParticipantRepository participants, NotificationService notifications) {
        return execution -> {
            String pkg = (String) execution.getVariable(PACKAGE);
            participants.recordMilestone(participantId(execution), pkg, "referral-overdue", null, null);
            // one referral task per package and instance: its candidate group tells which
            Task waiting = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                    .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("Task_AcceptReferral")
                    .taskCandidateGroup(ServicePackage.fromCode(pkg).workingGroup()).singleResult();
            Map<String, Object> params = caseParams(execution);
            params.put("workingGroup", ServicePackage.fromCode(pkg).workingGroup());
            String key = "referral-overdue:" + execution.getProcessInstanceId() + ":" + pkg;
            if (waiting != null) {
                params.put("taskId", waiting.getId());
                params.put("dueDate", waiting.getDueDate());
                key = "referral-overdue:" + waiting.getId();
            }
            notifications.notifyGroup(Groups.COORDINATORS, MailTemplate.REFERRAL_OVERDUE.id(), params, key);
            log.info("Referral of journey {} to {} waits for acceptance past its due date",
                    execution.getBusinessKey(), pkg);
        };
    }

    @Bean
    JavaDelegate evaluateReferrals(ParticipantRepository participants) {
        return execution -> {
            UUID id = participantId(execution);
            ParticipantRepository.ReferralRound round = participants.closeReferralRound(id);
            execution.setVariable(ANY_RETURNED, !round.returnedPackages().isEmpty());
            execution.setVariable(REFERRAL_RETURNS, participants.referralReturns(id));
            execution.setVariable(ACCEPTED_PACKAGES, new ArrayList<>(round.acceptedPackages()));
            if (!round.returnedPackages().isEmpty()) {
                execution.setVariable(LAST_RETURN_REASON, String.join(" · ", round.returnReasons().stream()
                        .map(r -> r == null ? "" : r).toList()));
            } else {
                participants.setStatus(id, "in-service");
            }
        };
    }

    @Bean
    TaskListener recordMilestone(ParticipantRepository participants) {
        return task -> {
            String key = task.getTaskDefinitionKey();
            Object result = task.getVariable(MILESTONE_RESULTS.getOrDefault(key, "none"));
            String summary = result == null ? null
                    : "serviceDescription".equals(MILESTONE_RESULTS.get(key)) ? "given" : String.valueOf(result);
            participants.recordMilestone(participantId(task), (String) task.getVariable(PACKAGE),
                    key.replace("Task_", ""), summary, task.getAssignee());
        };
    }

    @Bean
    TaskListener recordFollowUp(ParticipantRepository participants) {
        return task -> participants.recordFollowUp(participantId(task), task.getId(), "done",
                "yes".equals(task.getVariable(CONTACT_MADE)), task.getAssignee());
    }

    /** The coach who holds the follow-up (or, while nobody has claimed it, every coach) is reminded. */
    @Bean
    JavaDelegate sendFollowUpReminder(ParticipantRepository participants, NotificationService notifications) {
        return execution -> {
            participants.recordFollowUp(participantId(execution), null, "reminder", null, null);
            Task followUp = openTask(execution, "Task_FollowUp");
            if (followUp == null) {
                return;
            }
            Map<String, Object> params = caseParams(execution);
            params.put("taskId", followUp.getId());
            params.put("dueDate", followUp.getDueDate());
            params.put("overdue", followUp.getDueDate() != null && followUp.getDueDate().before(new java.util.Date()));
            String key = "follow-up-due:" + followUp.getId();
            if (followUp.getAssignee() != null) {
                notifications.notifyUser(followUp.getAssignee(), MailTemplate.FOLLOW_UP_REMINDER.id(), params, key);
            } else {
                notifications.notifyGroup(Groups.COACHES, MailTemplate.FOLLOW_UP_REMINDER.id(), params, key);
            }
        };
    }

    /** The overdue follow-up becomes a coordinators' task, and the coordinators are told by mail. */
    @Bean
    TaskListener escalateFollowUp(ParticipantRepository participants, NotificationService notifications) {
        return task -> {
            participants.recordFollowUp(participantId(task), task.getId(), "escalation", null, null);
            Task followUp = openTask(task.getExecution(), "Task_FollowUp");
            Map<String, Object> params = caseParams(task.getExecution());
            params.put("taskId", task.getId());
            if (followUp != null) {
                params.put("dueDate", followUp.getDueDate());
                if (followUp.getAssignee() != null) {
                    params.put("coach", followUp.getAssignee());
                }
            }
            notifications.notifyGroup(Groups.COORDINATORS, MailTemplate.FOLLOW_UP_ESCALATION.id(), params,
                    "follow-up-overdue:" + task.getId());
        };
    }

    @Bean
    JavaDelegate recordOutcome(ParticipantRepository participants) {
        return execution -> {
            String code = (String) execution.getVariable(OUTCOME);
            Outcome outcome = Outcome.fromCode(code)
                    .orElseThrow(() -> new ProcessEngineException("Unknown outcome: " + code));
            participants.close(participantId(execution), outcome);
        };
    }

    /** Only the case reference and the first name ever go into a mail. */
    private static Map<String, Object> caseParams(DelegateExecution execution) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("caseRef", execution.getVariable(CASE_REF));
        Object firstName = execution.getVariable(FIRST_NAME);
        if (firstName != null) {
            params.put("firstName", firstName);
        }
        return params;
    }

    /** The open task at an activity of this instance. */
    private static Task openTask(DelegateExecution execution, String activityId) {
        List<Task> tasks = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(activityId).list();
        return tasks.isEmpty() ? null : tasks.get(0);
    }

    /** The case was put before the council: noted in its history; the journey then waits for the decision. */
    @Bean
    JavaDelegate noteCouncilEscalation(ParticipantRepository participants) {
        return execution -> {
            String itemId = (String) execution.getVariable(COUNCIL_ITEM_ID);
            // local to this escalation (several may wait at once): the item it waits for, and the decision's answers,
            // which CouncilDecisionMade sets here instead of on the whole case
            execution.setVariableLocal(COUNCIL_ITEM_ID, itemId);
            for (String answer : List.of(COUNCIL_DECISION, COUNCIL_INSTRUCTION, COUNCIL_PACKAGE, COUNCIL_SUPPORT)) {
                execution.setVariableLocal(answer, null);
            }
            participants.recordMilestone(participantId(execution), null, "council-escalation", itemId, null);
        };
    }

    @Bean
    JavaDelegate noteCouncilDecision(ParticipantRepository participants) {
        return execution -> {
            String decision = (String) execution.getVariable(COUNCIL_DECISION);
            participants.recordMilestone(participantId(execution), null, "council-decision", decision, null);
            log.info("Journey {}: the council decided ({})", execution.getBusinessKey(), decision);
        };
    }

    /** The council added a package: a referral the package's working group takes on (or returns). */
    @Bean
    JavaDelegate createCouncilReferral(ParticipantRepository participants) {
        return execution -> {
            String pkg = (String) execution.getVariable(COUNCIL_PACKAGE);
            ServicePackage.fromCode(pkg);
            participants.createCouncilReferral(participantId(execution), (String) execution.getVariable(DISTRICT_CODE),
                    pkg);
        };
    }

    @Bean
    TaskListener decideCouncilReferral(ParticipantRepository participants) {
        return task -> {
            UUID id = participantId(task);
            boolean accepted = "accept".equals(task.getVariable(REFERRAL_DECISION));
            participants.decideCouncilReferral(id, (String) task.getVariable(COUNCIL_PACKAGE), accepted,
                    (String) task.getVariable(RETURN_REASON), task.getAssignee());
            if (accepted) {
                // the follow-up rhythm takes the new package into account
                task.getExecution().getProcessInstance().setVariable(ACCEPTED_PACKAGES,
                        new ArrayList<>(participants.acceptedPackages(id)));
            }
        };
    }

    static UUID participantId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(PARTICIPANT_ID));
    }

    private static String currentUser() {
        CommandContext commandContext = Context.getCommandContext();
        Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
