package hu.miskolc.fourim.benefit;

import static hu.miskolc.fourim.benefit.BenefitApplicationProcess.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.district.DistrictRepository;
import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The service steps and task listeners of {@code benefit-application}: thin translations between process variables
 * and {@link BenefitRepository}. The decision inputs stay process variables (the rules read them); the application,
 * who prepared and who approved it, and the decision are records.
 */
@Configuration(proxyBeanMethods = false)
class BenefitDelegates {

    private static final Logger log = LoggerFactory.getLogger(BenefitDelegates.class);

    @Bean
    JavaDelegate registerBenefitApplication(BenefitRepository benefits, DistrictRepository districts) {
        return execution -> {
            String supportType = (String) execution.getVariable(SUPPORT_TYPE);
            BenefitSupport support = BenefitSupport.fromCode(supportType)
                    .orElseThrow(() -> new ProcessEngineException("Unknown support type: " + supportType));
            String caseRef = trimmed(execution.getVariable(CASE_REF));
            String districtCode = (String) execution.getVariable(DISTRICT_CODE);
            BenefitRepository.Applicant applicant = caseRef == null ? null
                    : benefits.applicant(caseRef, districtCode).orElse(null);
            if (applicant == null) {
                execution.setVariable(UNKNOWN_CASE_REASON, "Ebben a városrészben nincs „" + caseRef
                        + "” ügyszámú résztvevő vagy háztartás.");
                throw new BpmnError(ERROR_UNKNOWN_CASE, "Unknown case reference");
            }
            String councilItemId = (String) execution.getVariable(COUNCIL_ITEM_ID);
            BenefitRepository.Application application = benefits.create(caseRef, applicant, support,
                    councilItemId == null ? "clerk" : "council",
                    councilItemId == null ? null : UUID.fromString(councilItemId), execution.getProcessInstanceId(),
                    (String) execution.getVariable(REQUESTED_BY));
            execution.setProcessBusinessKey(application.reference());
            execution.setVariable(CASE_REF, caseRef);
            execution.setVariable(APPLICATION_ID, application.id().toString());
            execution.setVariable(APPLICATION_REFERENCE, application.reference());
            execution.setVariable(DISTRICT_NAME, districts.find(districtCode).map(DistrictRepository.District::name)
                    .orElse(districtCode));
            execution.setVariable(SUPPORT_LABEL, support.label());
            execution.setVariable(COMPETENCE, support.competence().code());
            execution.setVariable(COMPETENCE_LABEL, support.competence().label());
            execution.setVariable(MEMBER_ID, applicant.memberId().toString());
            execution.setVariable(AGE, applicant.age());
            execution.setVariable(EMPLOYED, applicant.employed());
            execution.setVariable(HAS_CHILDREN, applicant.hasChildren());
            // the case administrator's form starts from the survey's answer
            execution.setVariable(INCOME_PER_HEAD, applicant.incomePerHead());
            execution.setVariable(CARES_FOR_RELATIVE, false);
            execution.setVariable(CHRONIC_ILLNESS, false);
            execution.setVariable(CRISIS_SITUATION, false);
            execution.setVariable(PREPARED_BY, null);
            execution.removeVariable(UNKNOWN_CASE_REASON);
            log.info("Benefit application {} ({}) for {}", application.reference(), support.code(), caseRef);
        };
    }

    /** A missing address card or TAJ card blocks the application until the documents are recorded. */
    @Bean
    JavaDelegate checkBenefitDocuments(BenefitRepository benefits) {
        return execution -> {
            boolean missing = benefits.missingDocuments(UUID.fromString((String) execution.getVariable(MEMBER_ID)));
            benefits.setStatus(applicationId(execution), missing ? "documents" : "filed");
            execution.setVariable(DOCUMENTS_MISSING, missing);
        };
    }

    @Bean
    JavaDelegate recordBenefitEligibility(BenefitRepository benefits) {
        return execution -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) execution.getVariable(ELIGIBILITY);
            if (result == null || !(result.get("eligible") instanceof Boolean eligible)) {
                throw new ProcessEngineException("The benefit-eligibility decision gave no result");
            }
            String reason = (String) result.get("reason");
            UUID id = applicationId(execution);
            benefits.saveFacts(id, number(execution.getVariable(INCOME_PER_HEAD)),
                    Boolean.TRUE.equals(execution.getVariable(CARES_FOR_RELATIVE)),
                    Boolean.TRUE.equals(execution.getVariable(CHRONIC_ILLNESS)),
                    Boolean.TRUE.equals(execution.getVariable(CRISIS_SITUATION)));
            benefits.recordEligibility(id, eligible, reason);
            execution.setVariable(ELIGIBLE, eligible);
            execution.setVariable(ELIGIBILITY_REASON, reason);
            execution.removeVariable(ELIGIBILITY);
        };
    }

    /** Who prepared the municipal decision: they may not approve it (see {@code fourEyesGuard}). */
    @Bean
    TaskListener recordBenefitProposal(BenefitRepository benefits) {
        return task -> {
            String preparedBy = actor(task.getAssignee());
            benefits.recordProposal(applicationId(task), (String) task.getVariable(PROPOSED_DECISION), preparedBy);
            task.getExecution().setVariable(PREPARED_BY, preparedBy);
        };
    }

    @Bean
    TaskListener recordBenefitApproval(BenefitRepository benefits) {
        return task -> benefits.recordApproval(applicationId(task), "approve".equals(task.getVariable("approval")),
                actor(task.getAssignee()));
    }

    @Bean
    TaskListener recordStateSubmission(BenefitRepository benefits) {
        return task -> benefits.recordStateSubmission(applicationId(task), (String) task.getVariable(STATE_OFFICE),
                date(task.getVariable(SUBMITTED_ON)));
    }

    /** The decision, amount, period and reason; a granted support shows in the person's journey. */
    @Bean
    JavaDelegate recordBenefitDecision(BenefitRepository benefits, @Lazy RuntimeService runtimeService) {
        return execution -> {
            boolean municipal = BenefitSupport.Competence.MUNICIPAL.code().equals(execution.getVariable(COMPETENCE));
            boolean granted = municipal ? "grant".equals(execution.getVariable(PROPOSED_DECISION))
                    : "granted".equals(execution.getVariable(STATE_DECISION));
            Object amount = execution.getVariable(AMOUNT_HUF);
            UUID id = applicationId(execution);
            benefits.decide(id, granted, amount == null ? null : number(amount), date(execution.getVariable(PERIOD_FROM)),
                    date(execution.getVariable(PERIOD_TO)), (String) execution.getVariable(DECISION_REASON));
            BenefitRepository.Application application = benefits.application(id);
            if (granted && application.participantId() != null) {
                ProcessInstance journey = runtimeService.createProcessInstanceQuery()
                        .processDefinitionKey(ParticipantJourneyProcess.KEY)
                        .processInstanceBusinessKey(application.caseRef()).active().list().stream().findFirst()
                        .orElse(null);
                if (journey != null) {
                    runtimeService.setVariable(journey.getId(), ParticipantJourneyProcess.GRANTED_SUPPORTS,
                            String.join("; ", benefits.grantedSupports(application.participantId())));
                }
            }
        };
    }

    /** The journey acts on a council decision: an application for the support the council named. */
    @Bean
    JavaDelegate startCouncilBenefitApplication(BenefitApplications applications) {
        return execution -> applications.start((String) execution.getVariable(ParticipantJourneyProcess.CASE_REF),
                (String) execution.getVariable(ParticipantJourneyProcess.DISTRICT_CODE),
                (String) execution.getVariable(ParticipantJourneyProcess.COUNCIL_SUPPORT), null,
                (String) execution.getVariable(ParticipantJourneyProcess.COUNCIL_ITEM_ID));
    }

    private static UUID applicationId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(APPLICATION_ID));
    }

    private static String trimmed(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static int number(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return (int) Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new ProcessEngineException("Expected a number but got " + value);
        }
    }

    private static LocalDate date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString().substring(0, Math.min(10, value.toString().length())));
        } catch (DateTimeParseException e) {
            throw new ProcessEngineException("Expected a date but got " + value);
        }
    }

    /** Who did it: the user on whose behalf the engine runs (Tasklist, REST), else the task's assignee. */
    private static String actor(String assignee) {
        CommandContext commandContext = Context.getCommandContext();
        Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
        return authentication != null && authentication.getUserId() != null ? authentication.getUserId() : assignee;
    }
}
