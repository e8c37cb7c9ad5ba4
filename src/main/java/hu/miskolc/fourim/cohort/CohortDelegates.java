package hu.miskolc.fourim.cohort;

import static hu.miskolc.fourim.cohort.CohortProcess.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import hu.miskolc.fourim.district.DistrictRepository;
import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.journey.JourneyGroupResults;
import hu.miskolc.fourim.journey.ServicePackage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The service steps and task listeners of {@code cohort}: thin translations between the forms and
 * {@link CohortRepository}; the results go into each member's journey through {@link JourneyGroupResults}. The forms
 * use plain fields and checklists only (no dynamic lists, see bpmn-io/form-js#1494); the checklists are initialised
 * as Json {@code []} by the model's input mappings, so Tasklist submits them as Json.
 */
@Configuration(proxyBeanMethods = false)
class CohortDelegates {

    private static final Logger log = LoggerFactory.getLogger(CohortDelegates.class);
    static final String SESSIONS_PROBLEM = "Adja meg az első alkalom napját, az alkalmak számát (1–30), a köztük eltelt "
            + "napokat (1–60), és legfeljebb annyi, egyenként legfeljebb 200 karakteres témát (soronként egyet), "
            + "ahány alkalom van.";
    static final String RESULTS_BOTH_PROBLEM = "Egy résztvevő nem lehet egyszerre a „Teljesítette” és a „Részben "
            + "teljesítette” listában: ";

    @Bean
    JavaDelegate registerCohort(CohortRepository cohorts, DistrictRepository districts,
                                @Lazy IdentityService identityService) {
        return execution -> {
            String districtCode = (String) execution.getVariable(DISTRICT_CODE);
            ServicePackage pkg = ServicePackage.fromCode((String) execution.getVariable(PACKAGE));
            CohortRepository.Cohort cohort = cohorts.create(districtCode, pkg.code(),
                    (String) execution.getVariable(COHORT_NAME), (String) execution.getVariable(CREATED_BY),
                    execution.getProcessInstanceId());
            execution.setProcessBusinessKey(cohort.reference());
            execution.setVariable(COHORT_ID, cohort.id().toString());
            execution.setVariable(COHORT_REFERENCE, cohort.reference());
            execution.setVariable(DISTRICT_NAME, districts.find(districtCode).map(DistrictRepository.District::name)
                    .orElse(districtCode));
            execution.setVariable(PACKAGE_LABEL, pkg.label());
            List<Map<String, Object>> candidates = new ArrayList<>();
            for (CohortRepository.Member member : cohorts.candidates(districtCode, pkg.code())) {
                candidates.add(option(member.caseRef() + " – " + (member.firstName() == null ? "" : member.firstName()),
                        member.caseRef()));
            }
            execution.setVariable(CANDIDATE_OPTIONS, CohortSessions.json(candidates));
            List<Map<String, Object>> facilitators = new ArrayList<>();
            for (User user : facilitators(identityService, pkg)) {
                facilitators.add(option(user.getFirstName() + " " + user.getLastName() + " (" + user.getId() + ")",
                        user.getId()));
            }
            execution.setVariable(FACILITATOR_OPTIONS, CohortSessions.json(facilitators));
            execution.setVariable(SELECTION_PROBLEM, "");
            execution.setVariable(RESULTS_PROBLEM, "");
        };
    }

    /** Members (only candidates count), facilitator (one of the offered) and sessions; else back to the form. */
    @Bean
    JavaDelegate formCohort(CohortRepository cohorts, @Lazy IdentityService identityService) {
        return execution -> {
            UUID cohortId = cohortId(execution);
            CohortRepository.Cohort cohort = cohorts.cohort(cohortId);
            Set<String> chosen = new LinkedHashSet<>(CohortSessions.strings(execution.getVariable(MEMBER_CASE_REFS)));
            List<CohortRepository.Member> members = cohorts.candidates(cohort.districtCode(), cohort.pkg()).stream()
                    .filter(m -> chosen.contains(m.caseRef())).toList();
            String facilitator = (String) execution.getVariable(FACILITATOR);
            boolean facilitatorOffered = facilitators(identityService, ServicePackage.fromCode(cohort.pkg())).stream()
                    .anyMatch(u -> u.getId().equals(facilitator));
            List<CohortRepository.PlannedSession> sessions = sessions(execution, cohort.name());
            String problem = members.isEmpty() ? "Válasszon legalább egy résztvevőt a listából."
                    : !facilitatorOffered ? "A foglalkozásvezetőt a felkínált munkatársak közül válassza."
                    : sessions.isEmpty() ? SESSIONS_PROBLEM : null;
            if (problem != null) {
                execution.setVariable(SELECTION_PROBLEM, problem);
                throw new BpmnError(ERROR_INVALID_SELECTION, problem);
            }
            execution.setVariable(SESSION_IDS, new ArrayList<>(cohorts.form(cohortId, facilitator, members, sessions)));
            for (String name : List.of(CANDIDATE_OPTIONS, FACILITATOR_OPTIONS, MEMBER_CASE_REFS, FIRST_SESSION_DATE,
                    SESSION_COUNT, SESSION_INTERVAL_DAYS, SESSION_TOPICS, SELECTION_PROBLEM)) {
                execution.removeVariable(name);
            }
            log.info("Cohort {} formed: {} members, {} sessions", cohort.reference(), members.size(), sessions.size());
        };
    }

    /** One list per session: who was there, who left the group (members listed but not ticked were absent). */
    @Bean
    TaskListener recordCohortAttendance(CohortRepository cohorts) {
        return task -> {
            UUID cohortId = cohortId(task);
            long sessionId = CohortSessions.id(task.getVariable(SESSION_ID));
            Map<String, UUID> active = byCaseRef(cohorts.activeMembers(cohortId));
            Set<String> present = new LinkedHashSet<>(CohortSessions.strings(task.getVariable(PRESENT_CASE_REFS)));
            Set<String> left = new LinkedHashSet<>(CohortSessions.strings(task.getVariable(LEFT_CASE_REFS)));
            for (Map<String, Object> option : CohortSessions.options(task.getVariable(ATTENDANCE_OPTIONS))) {
                String caseRef = String.valueOf(option.get("value"));
                UUID participantId = active.get(caseRef);
                if (participantId == null) {
                    continue; // no longer in the group
                }
                cohorts.recordAttendance(sessionId, participantId, present.contains(caseRef), null);
                if (left.contains(caseRef)) {
                    cohorts.leave(cohortId, participantId, "group");
                }
            }
            Object note = task.getVariable(ATTENDANCE_NOTE);
            cohorts.sessionHeld(sessionId, actor(task.getAssignee()),
                    note == null || note.toString().isBlank() ? null : note.toString().trim());
        };
    }

    /**
     * The results from the two checklists (ticked in neither: not completed; ticked in both: back to the form), each
     * member's result goes into their journey; the cohort closes.
     */
    @Bean
    JavaDelegate applyCohortResults(CohortRepository cohorts, JourneyGroupResults journeys) {
        return execution -> {
            UUID cohortId = cohortId(execution);
            CohortRepository.Cohort cohort = cohorts.cohort(cohortId);
            Set<String> completed = new LinkedHashSet<>(
                    CohortSessions.strings(execution.getVariable(COMPLETED_CASE_REFS)));
            Set<String> partial = new LinkedHashSet<>(CohortSessions.strings(execution.getVariable(PARTIAL_CASE_REFS)));
            List<String> both = completed.stream().filter(partial::contains).toList();
            if (!both.isEmpty()) {
                String problem = RESULTS_BOTH_PROBLEM + String.join(", ", both) + ".";
                execution.setVariable(RESULTS_PROBLEM, problem);
                throw new BpmnError(ERROR_INVALID_RESULTS, problem);
            }
            for (CohortRepository.Member member : cohorts.activeMembers(cohortId)) {
                cohorts.recordResult(cohortId, member.participantId(), completed.contains(member.caseRef()) ? "completed"
                        : partial.contains(member.caseRef()) ? "partial" : "not-completed");
            }
            execution.removeVariable(RESULTS_PROBLEM);
            int advanced = 0;
            for (CohortRepository.Result member : cohorts.results(cohortId)) {
                if (journeys.apply(member.participantId(), member.caseRef(), cohort.pkg(), member.result(),
                        cohort.name())) {
                    advanced++;
                }
            }
            cohorts.close(cohortId);
            execution.setVariable("journeysAdvanced", advanced);
        };
    }

    private static List<User> facilitators(IdentityService identityService, ServicePackage pkg) {
        Map<String, User> users = new LinkedHashMap<>();
        for (String group : List.of(pkg.workingGroup(), Groups.COACHES, Groups.COORDINATORS)) {
            identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list()
                    .forEach(u -> users.putIfAbsent(u.getId(), u));
        }
        return new ArrayList<>(users.values());
    }

    /** The planned sessions from the first day, count and interval; none if any of them is missing or invalid. */
    private static List<CohortRepository.PlannedSession> sessions(VariableScope scope, String cohortName) {
        LocalDate first;
        int count;
        int interval;
        try {
            first = LocalDate.parse(String.valueOf(scope.getVariable(FIRST_SESSION_DATE)).substring(0, 10));
            count = wholeNumber(scope.getVariable(SESSION_COUNT));
            interval = wholeNumber(scope.getVariable(SESSION_INTERVAL_DAYS));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException | NumberFormatException e) {
            return List.of();
        }
        Object text = scope.getVariable(SESSION_TOPICS);
        List<String> topics = text == null ? List.of() : text.toString().lines().map(String::trim)
                .filter(line -> !line.isEmpty()).toList();
        if (count < 1 || count > 30 || interval < 1 || interval > 60 || topics.size() > count
                || topics.stream().anyMatch(topic -> topic.length() > 200)) {
            return List.of();
        }
        String defaultTopic = cohortName.length() > 200 ? cohortName.substring(0, 200) : cohortName;
        List<CohortRepository.PlannedSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(new CohortRepository.PlannedSession(first.plusDays((long) i * interval),
                    i < topics.size() ? topics.get(i) : defaultTopic));
        }
        return sessions;
    }

    /** A form number (Tasklist sends Long or Double; Java callers may send text); not whole or none is invalid. */
    private static int wholeNumber(Object value) {
        if (value instanceof Number n && n.doubleValue() % 1 == 0) {
            return n.intValue();
        }
        if (value instanceof String s) {
            return Integer.parseInt(s.trim());
        }
        throw new NumberFormatException(String.valueOf(value));
    }

    private static Map<String, UUID> byCaseRef(List<CohortRepository.Member> members) {
        Map<String, UUID> result = new LinkedHashMap<>();
        members.forEach(m -> result.put(m.caseRef(), m.participantId()));
        return result;
    }

    private static Map<String, Object> option(String label, String value) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        return option;
    }

    private static UUID cohortId(VariableScope scope) {
        return UUID.fromString((String) scope.getVariable(COHORT_ID));
    }

    private static String actor(String assignee) {
        CommandContext commandContext = Context.getCommandContext();
        Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
        return authentication != null && authentication.getUserId() != null ? authentication.getUserId() : assignee;
    }
}
