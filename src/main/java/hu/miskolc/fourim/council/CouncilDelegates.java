package hu.miskolc.fourim.council;

import static hu.miskolc.fourim.council.CouncilReviewProcess.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hu.miskolc.fourim.benefit.BenefitSupport;
import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.journey.ParticipantJourneyProcess;
import hu.miskolc.fourim.journey.ParticipantRepository;
import hu.miskolc.fourim.journey.ServicePackage;
import hu.miskolc.fourim.notification.MailTemplate;
import hu.miskolc.fourim.notification.NotificationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The service steps and task listeners of {@code council-review}: thin translations between process variables and
 * {@link CouncilRepository}. The texts of an item (question, summary, resolution) live in the council's tables, not
 * in the process; the process holds the item id, the meeting and what its gateways need.
 */
@Configuration(proxyBeanMethods = false)
class CouncilDelegates {

    private static final Logger log = LoggerFactory.getLogger(CouncilDelegates.class);
    /** Form fields of the agenda task: saved to the item, then removed from the process. */
    private static final List<String> AGENDA_FIELDS = List.of(ITEM_QUESTION, ITEM_SUMMARY, MEETING_DATE,
            MEETING_PLACE, PROPOSED_RESOLUTION, PROPOSED_INSTRUCTION, INSTRUCTION_PACKAGE, INSTRUCTION_SUPPORT);

    @Bean
    JavaDelegate registerCouncilItem(CouncilRepository council, CaseSummaries summaries, CouncilSettings settings) {
        return execution -> {
            String caseRef = (String) execution.getVariable(CASE_REF);
            boolean isCase = caseRef != null;
            String districtCode = (String) execution.getVariable(DISTRICT_CODE);
            String question = (String) execution.getVariable(ITEM_QUESTION);
            String title = (String) execution.getVariable(ITEM_TITLE);
            if (districtCode == null || question == null || title == null) {
                throw new ProcessEngineException("A council item needs a district, a title and a question");
            }
            String participantId = (String) execution.getVariable(PARTICIPANT_ID);
            CouncilRepository.Item item = council.create(new CouncilRepository.NewItem(isCase ? "case" : "proposal",
                    districtCode, caseRef, participantId == null ? null : UUID.fromString(participantId),
                    (String) execution.getVariable(CASE_PROCESS_INSTANCE_ID), execution.getProcessInstanceId(),
                    title, question, (String) execution.getVariable(SUBMITTED_BY)));
            execution.setProcessBusinessKey(item.reference());
            execution.setVariable(COUNCIL_ITEM_ID, item.id().toString());
            execution.setVariable(ITEM_REFERENCE, item.reference());
            execution.setVariable(ITEM_KIND, item.kind());
            execution.setVariable(DISTRICT_NAME, summaries.districtName(districtCode));
            // what the coordinator's agenda form starts from
            execution.setVariable(ITEM_SUMMARY, isCase ? summaries.summary(item.participantId()) : question);
            execution.setVariable(MEETING_DATE, settings.today().plusWeeks(1).toString());
            execution.setVariable(MEETING_PLACE, settings.defaultPlace());
            execution.setVariable(PROPOSED_INSTRUCTION, CouncilInstruction.NONE.code());
            log.info("Council item {} registered ({})", item.reference(), item.kind());
        };
    }

    /** An escalated case learns which item to wait for (runs after the start is committed). */
    @Bean
    JavaDelegate notifyCaseOfEscalation(CouncilRepository council, @Lazy RuntimeService runtimeService) {
        return execution -> {
            CouncilRepository.Item item = council.item(itemId(execution));
            if (item.caseProcessInstanceId() == null) {
                return; // a proposal: no case waits
            }
            List<MessageCorrelationResult> results = runtimeService.createMessageCorrelation(MESSAGE_ESCALATION_REQUESTED)
                    .processInstanceId(item.caseProcessInstanceId())
                    .setVariableToTriggeredScope(COUNCIL_ITEM_ID, item.id().toString())
                    .correlateAllWithResult();
            if (results.isEmpty()) {
                log.warn("Council item {}: the case {} is no longer open; the council decides without it",
                        item.reference(), item.caseRef());
            }
        };
    }

    @Bean
    JavaDelegate scheduleCouncilItem(CouncilRepository council, CouncilSettings settings) {
        return execution -> {
            UUID itemId = itemId(execution);
            String instruction = (String) execution.getVariable(PROPOSED_INSTRUCTION);
            CouncilInstruction parsed = CouncilInstruction.fromCode(instruction == null ? "none" : instruction)
                    .orElseThrow(() -> new ProcessEngineException("Unknown council instruction: " + instruction));
            String pkg = parsed == CouncilInstruction.ADD_PACKAGE ? (String) execution.getVariable(INSTRUCTION_PACKAGE)
                    : null;
            if (pkg != null) {
                ServicePackage.fromCode(pkg);
            }
            String support = parsed == CouncilInstruction.BENEFIT_APPLICATION
                    ? (String) execution.getVariable(INSTRUCTION_SUPPORT) : null;
            if (support != null && BenefitSupport.fromCode(support).isEmpty()) {
                throw new ProcessEngineException("Unknown support type: " + support);
            }
            council.prepare(itemId, (String) execution.getVariable(ITEM_SUMMARY),
                    (String) execution.getVariable(PROPOSED_RESOLUTION), parsed.code(), pkg, support);
            LocalDate date = meetingDate(execution.getVariable(MEETING_DATE), settings);
            CouncilRepository.Meeting meeting = council.meetingOn(date, (String) execution.getVariable(MEETING_PLACE));
            council.schedule(itemId, meeting);
            execution.setVariable(MEETING_ID, meeting.id());
            execution.setVariable(VOTING_DEADLINE, settings.votingDeadline(meeting.date()));
            // the texts now live in the council's records, not in the process
            AGENDA_FIELDS.forEach(execution::removeVariable);
        };
    }

    /** Who votes (the members of the council group) and the invitation with the meeting's agenda. */
    @Bean
    JavaDelegate openCouncilVoting(CouncilRepository council, @Lazy IdentityService identityService,
                                   NotificationService notifications) {
        return execution -> {
            List<String> members = new ArrayList<>(identityService.createUserQuery().memberOfGroup(Groups.COUNCIL)
                    .orderByUserId().asc().list().stream().map(User::getId).toList());
            if (members.isEmpty()) {
                throw new ProcessEngineException("The council group has no members: nobody can vote");
            }
            execution.setVariable(COUNCIL_MEMBERS, members);
            CouncilRepository.Item item = council.item(itemId(execution));
            CouncilRepository.Meeting meeting = council.meeting(meetingId(execution));
            List<Map<String, Object>> agenda = new ArrayList<>();
            for (CouncilRepository.Item line : council.agenda(meeting.id())) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("caseRef", line.caseRef() != null ? line.caseRef() : line.reference());
                entry.put("topic", line.title());
                agenda.add(entry);
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("meetingAt", meeting.date());
            params.put("meetingPlace", meeting.place());
            params.put("items", agenda);
            notifications.notifyGroup(Groups.COUNCIL, MailTemplate.COUNCIL_AGENDA.id(), params,
                    "council-agenda:" + meeting.id() + ":" + item.id() + ":" + item.postponements());
        };
    }

    /** The member's own voting task shows the item as the council sees it (the answers are local to the task). */
    @Bean
    TaskListener describeCouncilVote(CouncilRepository council) {
        return task -> {
            CouncilRepository.Item item = council.item(itemId(task));
            CouncilRepository.Meeting meeting = council.meeting(meetingId(task));
            task.setVariableLocal(IS_CHAIR, council.isChair((String) task.getVariable(COUNCIL_MEMBER)));
            task.setVariableLocal("itemQuestion", item.question());
            task.setVariableLocal("itemSummary", item.summary());
            task.setVariableLocal("proposedResolution", item.proposedResolution() == null ? "–"
                    : item.proposedResolution());
            task.setVariableLocal("instructionLabel", instructionLabel(item));
            task.setVariableLocal("meetingLabel", meeting.date() + (meeting.place() == null ? ""
                    : ", " + meeting.place()));
        };
    }

    @Bean
    TaskListener recordCouncilVote(CouncilRepository council) {
        return task -> {
            String voter = task.getAssignee() != null ? task.getAssignee() : (String) task.getVariable(COUNCIL_MEMBER);
            String vote = (String) task.getVariable(VOTE);
            if (CouncilDecision.fromCode(vote).isEmpty()) {
                throw new ProcessEngineException("Unknown vote: " + vote);
            }
            boolean chairDecision = Boolean.TRUE.equals(task.getVariable(CHAIR_DECIDES));
            if (chairDecision && !council.isChair(voter)) {
                // the form offers this only to the chair; anyone else's tick is an ordinary vote
                log.warn("Council member {} is not the chair; the vote is recorded as an ordinary vote", voter);
                chairDecision = false;
            }
            council.recordVote(itemId(task), meetingId(task), voter, vote, (String) task.getVariable(VOTE_COMMENT),
                    "amend".equals(vote) ? (String) task.getVariable(AMENDMENT) : null, chairDecision);
        };
    }

    @Bean
    JavaDelegate evaluateCouncilVotes(CouncilVoting voting) {
        return execution -> {
            CouncilVoting.Tally tally = voting.tally(itemId(execution), meetingId(execution), members(execution));
            execution.setVariable(VOTING_OUTCOME, tally.outcome());
            execution.setVariable("votingReason", tally.reason());
        };
    }

    @Bean
    JavaDelegate postponeCouncilItem(CouncilRepository council, CouncilSettings settings) {
        return execution -> {
            CouncilRepository.Meeting current = council.meeting(meetingId(execution));
            CouncilRepository.Meeting next = council.nextMeeting(current, settings.nextMeetingAfter());
            council.postpone(itemId(execution), current, (String) execution.getVariable("votingReason"), next);
            execution.setVariable(MEETING_ID, next.id());
            execution.setVariable(VOTING_DEADLINE, settings.votingDeadline(next.date()));
            log.info("Council item {} moved to the meeting of {} ({})", execution.getBusinessKey(), next.date(),
                    execution.getVariable("votingReason"));
        };
    }

    @Bean
    JavaDelegate recordCouncilDecision(CouncilRepository council, CouncilVoting voting) {
        return execution -> {
            UUID itemId = itemId(execution);
            long meetingId = meetingId(execution);
            CouncilVoting.Tally tally = voting.tally(itemId, meetingId, members(execution));
            if (tally.decision() == null) {
                throw new ProcessEngineException("No decision to record for council item " + itemId);
            }
            CouncilRepository.Item item = council.item(itemId);
            council.decide(itemId, meetingId, tally.decision(), decisionText(item, tally), tally.reason(),
                    tally.chair());
            execution.setVariable(COUNCIL_DECISION, tally.decision());
        };
    }

    /** Back to the waiting case with {@code CouncilDecisionMade}, and a mail to whoever put the item forward. */
    @Bean
    JavaDelegate publishCouncilDecision(CouncilRepository council, ParticipantRepository participants,
                                        NotificationService notifications, @Lazy RuntimeService runtimeService) {
        return execution -> {
            CouncilRepository.Item item = council.item(itemId(execution));
            boolean effective = !"reject".equals(item.decision());
            String firstName = null;
            if (item.caseProcessInstanceId() != null) {
                Map<String, Object> decision = new HashMap<>();
                decision.put(ParticipantJourneyProcess.COUNCIL_DECISION, item.decision());
                decision.put(ParticipantJourneyProcess.COUNCIL_INSTRUCTION, effective ? item.instruction() : "none");
                decision.put(ParticipantJourneyProcess.COUNCIL_PACKAGE, effective ? item.instructionPackage() : null);
                decision.put(ParticipantJourneyProcess.COUNCIL_SUPPORT, effective ? item.instructionSupport() : null);
                List<MessageCorrelationResult> delivered = runtimeService.createMessageCorrelation(MESSAGE_DECISION_MADE)
                        .processInstanceId(item.caseProcessInstanceId())
                        .localVariableEquals(COUNCIL_ITEM_ID, item.id().toString())
                        .setVariables(decision)
                        .correlateAllWithResult();
                council.markDelivered(item.id(), !delivered.isEmpty());
                firstName = item.participantId() == null ? null : participants.firstName(item.participantId());
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("caseRef", item.caseRef() != null ? item.caseRef() : item.reference());
            params.put("decision", CouncilDecision.fromCode(item.decision()).map(CouncilDecision::label)
                    .orElse(item.decision()));
            params.put("firstName", firstName);
            if (item.submittedBy() != null) {
                notifications.notifyUser(item.submittedBy(), MailTemplate.COUNCIL_DECISION.id(), params,
                        "council-decision:" + item.id());
            }
        };
    }

    /** The coach's follow-up form can put the case before the council, with a written question. */
    @Bean
    TaskListener putCaseBeforeCouncil(CouncilEscalations escalations) {
        return task -> {
            if (!Boolean.TRUE.equals(task.getVariable(ParticipantJourneyProcess.ESCALATE_TO_COUNCIL))) {
                return;
            }
            String caseRef = (String) task.getVariable(ParticipantJourneyProcess.CASE_REF);
            CouncilEscalations.OpenCase openCase = escalations.openCase(caseRef)
                    .orElseThrow(() -> new ProcessEngineException("The case " + caseRef + " is not open"));
            String user = currentUser();
            escalations.escalate(openCase, (String) task.getVariable(ParticipantJourneyProcess.COUNCIL_QUESTION),
                    user != null ? user : task.getAssignee());
        };
    }

    static String decisionText(CouncilRepository.Item item, CouncilVoting.Tally tally) {
        String resolution = item.proposedResolution() == null || item.proposedResolution().isBlank()
                ? "A Tanács a napirendi pontot jóváhagyta." : item.proposedResolution();
        List<CouncilRepository.Vote> supporting = tally.votes().stream()
                .filter(v -> CouncilVoting.CHAIR.equals(tally.outcome()) ? v.chairDecision()
                        : v.vote().equals(tally.decision()))
                .toList();
        return switch (tally.decision()) {
            case "approve" -> resolution;
            case "amend" -> resolution + "\nMódosítás: " + String.join(" · ", supporting.stream()
                    .map(v -> v.amendment() != null ? v.amendment() : v.comment()).filter(t -> t != null && !t.isBlank())
                    .toList());
            default -> "A Tanács a javaslatot elutasította." + reasons(supporting);
        };
    }

    private static String reasons(List<CouncilRepository.Vote> votes) {
        List<String> comments = votes.stream().map(CouncilRepository.Vote::comment)
                .filter(c -> c != null && !c.isBlank()).toList();
        return comments.isEmpty() ? "" : "\nIndoklás: " + String.join(" · ", comments);
    }

    static String instructionLabel(CouncilRepository.Item item) {
        CouncilInstruction instruction = CouncilInstruction.fromCode(item.instruction()).orElse(CouncilInstruction.NONE);
        if (instruction == CouncilInstruction.ADD_PACKAGE && item.instructionPackage() != null) {
            return instruction.label() + ": " + ServicePackage.fromCode(item.instructionPackage()).label();
        }
        if (instruction == CouncilInstruction.BENEFIT_APPLICATION && item.instructionSupport() != null) {
            return instruction.label() + ": " + BenefitSupport.fromCode(item.instructionSupport())
                    .map(BenefitSupport::label).orElse(item.instructionSupport());
        }
        return instruction.label();
    }

    private static LocalDate meetingDate(Object value, CouncilSettings settings) {
        try {
            LocalDate date = LocalDate.parse(String.valueOf(value).substring(0, 10));
            return date.isBefore(settings.today()) ? settings.today() : date;
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ProcessEngineException("The meeting date is not a date: " + value);
        }
    }

    private static UUID itemId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(COUNCIL_ITEM_ID));
    }

    private static long meetingId(VariableScope scope) {
        return ((Number) scope.getVariable(MEETING_ID)).longValue();
    }

    private static int members(DelegateExecution execution) {
        Object members = execution.getVariable(COUNCIL_MEMBERS);
        return members instanceof List<?> list ? list.size() : 0;
    }

    private static String currentUser() {
        CommandContext commandContext = Context.getCommandContext();
        Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
