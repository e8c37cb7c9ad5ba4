package hu.miskolc.fourim.cohort;

import static hu.miskolc.fourim.cohort.CohortProcess.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.district.DistrictRepository;
import hu.miskolc.fourim.identity.Groups;
import hu.miskolc.fourim.journey.JourneyGroupResults;
import hu.miskolc.fourim.journey.ServicePackage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
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
 * The service steps and task listeners of {@code cohort}: thin translations between the facilitator's list forms and
 * {@link CohortRepository}; the results go into each member's journey through {@link JourneyGroupResults}.
 */
@Configuration(proxyBeanMethods = false)
class CohortDelegates {

    private static final Logger log = LoggerFactory.getLogger(CohortDelegates.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> RESULTS_ALLOWED = Set.of("completed", "partial", "not-completed");

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
        };
    }

    /** Members (only candidates count), facilitator (one of the offered) and sessions; else back to the form. */
    @Bean
    JavaDelegate formCohort(CohortRepository cohorts, @Lazy IdentityService identityService) {
        return execution -> {
            UUID cohortId = cohortId(execution);
            CohortRepository.Cohort cohort = cohorts.cohort(cohortId);
            Set<String> chosen = new LinkedHashSet<>(strings(execution.getVariable(MEMBER_CASE_REFS)));
            List<CohortRepository.Member> members = cohorts.candidates(cohort.districtCode(), cohort.pkg()).stream()
                    .filter(m -> chosen.contains(m.caseRef())).toList();
            String facilitator = (String) execution.getVariable(FACILITATOR);
            boolean facilitatorOffered = facilitators(identityService, ServicePackage.fromCode(cohort.pkg())).stream()
                    .anyMatch(u -> u.getId().equals(facilitator));
            List<CohortRepository.PlannedSession> sessions = sessions(execution.getVariable(SESSIONS));
            String problem = members.isEmpty() ? "Válasszon legalább egy résztvevőt a listából."
                    : !facilitatorOffered ? "A foglalkozásvezetőt a felkínált munkatársak közül válassza."
                    : sessions.isEmpty() ? "Adjon meg legalább egy alkalmat érvényes dátummal és témával." : null;
            if (problem != null) {
                execution.setVariable(SELECTION_PROBLEM, problem);
                throw new BpmnError(ERROR_INVALID_SELECTION, problem);
            }
            execution.setVariable(SESSION_IDS, new ArrayList<>(cohorts.form(cohortId, facilitator, members, sessions)));
            for (String name : List.of(CANDIDATE_OPTIONS, FACILITATOR_OPTIONS, MEMBER_CASE_REFS, SESSIONS,
                    SELECTION_PROBLEM)) {
                execution.removeVariable(name);
            }
            log.info("Cohort {} formed: {} members, {} sessions", cohort.reference(), members.size(), sessions.size());
        };
    }

    /** One list per session: who was there, who left the group. */
    @Bean
    TaskListener recordCohortAttendance(CohortRepository cohorts) {
        return task -> {
            UUID cohortId = cohortId(task);
            long sessionId = CohortSessions.id(task.getVariable(SESSION_ID));
            Map<String, UUID> active = byCaseRef(cohorts.activeMembers(cohortId));
            for (Map<String, Object> row : CohortSessions.rows(task.getVariable(ATTENDANCE))) {
                UUID participantId = active.get(String.valueOf(row.get("caseRef")));
                if (participantId == null) {
                    continue; // not (or no longer) in the group
                }
                Object note = row.get("note");
                cohorts.recordAttendance(sessionId, participantId, Boolean.TRUE.equals(row.get("present")),
                        note == null || note.toString().isBlank() ? null : note.toString());
                if (Boolean.TRUE.equals(row.get("leftCohort"))) {
                    cohorts.leave(cohortId, participantId, "group");
                }
            }
            cohorts.sessionHeld(sessionId, actor(task.getAssignee()));
        };
    }

    @Bean
    TaskListener recordCohortResults(CohortRepository cohorts) {
        return task -> {
            UUID cohortId = cohortId(task);
            Map<String, UUID> active = byCaseRef(cohorts.activeMembers(cohortId));
            for (Map<String, Object> row : CohortSessions.rows(task.getVariable(RESULTS))) {
                UUID participantId = active.get(String.valueOf(row.get("caseRef")));
                Object result = row.get("result");
                if (participantId != null && result != null && RESULTS_ALLOWED.contains(result.toString())) {
                    cohorts.recordResult(cohortId, participantId, result.toString());
                }
            }
        };
    }

    /** Each member's result goes into their journey; the cohort closes. */
    @Bean
    JavaDelegate applyCohortResults(CohortRepository cohorts, JourneyGroupResults journeys) {
        return execution -> {
            UUID cohortId = cohortId(execution);
            CohortRepository.Cohort cohort = cohorts.cohort(cohortId);
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

    private static List<CohortRepository.PlannedSession> sessions(Object value) {
        List<CohortRepository.PlannedSession> sessions = new ArrayList<>();
        for (Map<String, Object> row : CohortSessions.rows(value)) {
            Object topic = row.get("sessionTopic");
            try {
                LocalDate date = LocalDate.parse(String.valueOf(row.get("sessionDate")).substring(0, 10));
                if (topic == null || topic.toString().isBlank()) {
                    return List.of();
                }
                sessions.add(new CohortRepository.PlannedSession(date, topic.toString().trim()));
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                return List.of();
            }
        }
        sessions.sort((a, b) -> a.date().compareTo(b.date()));
        return sessions;
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value == null) {
            return List.of();
        }
        try {
            return JSON.readValue(value.toString(), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new ProcessEngineException("The chosen members are not a list", e);
        }
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
