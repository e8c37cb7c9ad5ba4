package hu.miskolc.fourim.survey;

import static hu.miskolc.fourim.survey.HouseholdSurveyProcess.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.district.DistrictRepository;
import hu.miskolc.fourim.journey.ParticipantJourneyStarter;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service steps of {@code household-survey}: thin translations between process variables and
 * {@link HouseholdRepository}. Personal survey answers go to our tables and are removed from the process.
 */
@Configuration(proxyBeanMethods = false)
class SurveyDelegates {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Bean
    JavaDelegate registerHousehold(HouseholdRepository households, DistrictRepository districts) {
        return execution -> {
            String districtCode = (String) execution.getVariable(DISTRICT_CODE);
            String address = (String) execution.getVariable(ADDRESS);
            DistrictRepository.District district = districts.find(districtCode)
                    .orElseThrow(() -> new ProcessEngineException("Unknown district: " + districtCode));
            HouseholdRepository.Household household = households.registerForSurvey(districtCode, address);
            if (!household.caseRef().equals(execution.getProcessBusinessKey())) {
                execution.setProcessBusinessKey(household.caseRef());
            }
            execution.setVariable(HOUSEHOLD_ID, household.id().toString());
            execution.setVariable(CASE_REF, household.caseRef());
            execution.setVariable(DISTRICT_NAME, district.name());
            // visitAttempts is set by the first failed visit (recordVisit); the visit form shows it from then on
        };
    }

    @Bean
    JavaDelegate recordVisit(HouseholdRepository households) {
        return execution -> {
            int attempts = households.recordVisit(householdId(execution), (String) execution.getVariable(VISIT_OUTCOME));
            execution.setVariable(VISIT_ATTEMPTS, attempts);
        };
    }

    @Bean
    JavaDelegate closeHousehold(HouseholdRepository households) {
        return execution -> households.close(householdId(execution), (String) execution.getVariable(CLOSE_STATUS));
    }

    @Bean
    JavaDelegate saveSurvey(HouseholdRepository households) {
        return execution -> {
            UUID householdId = householdId(execution);
            List<HouseholdRepository.Member> members = readMembers(execution.getVariable(MEMBERS));
            HouseholdRepository.HouseholdFacts facts = new HouseholdRepository.HouseholdFacts(
                    (String) execution.getVariable(TENURE), (String) execution.getVariable(UTILITIES),
                    intValue(execution.getVariable(ROOMS)), intValue(execution.getVariable(HOUSEHOLD_INCOME)),
                    Boolean.TRUE.equals(execution.getVariable(HAS_DEBTS)));
            int round = households.saveSurvey(householdId, facts, members);
            execution.setVariable(SURVEY_ROUND, round);
            WelfareInputs.from(facts, members).forEach(execution::setVariable);
            execution.setVariable(MEMBERS_MISSING_DOCUMENTS, new ArrayList<>(members.stream()
                    .filter(HouseholdRepository.Member::missingDocuments).map(m -> m.id().toString()).toList()));
            // the answers now live in our tables (consent and erasure apply there), not in the process
            execution.removeVariable(MEMBERS);
        };
    }

    @Bean
    JavaDelegate recordWelfareIndicator(HouseholdRepository households) {
        return execution -> households.recordWelfareIndicator(householdId(execution),
                (String) execution.getVariable(DISTRICT_CODE), intValue(execution.getVariable(SURVEY_ROUND)),
                intValue(execution.getVariable(WELFARE_SCORE)));
    }

    @Bean
    JavaDelegate startJourneys(HouseholdRepository households, ParticipantJourneyStarter journeys) {
        return execution -> {
            UUID householdId = householdId(execution);
            int round = intValue(execution.getVariable(SURVEY_ROUND));
            int started = 0;
            for (HouseholdRepository.Member member : households.members(householdId, round)) {
                if (member.workingAge() && member.agreesToContact()
                        && journeys.startIfNew(householdId, member, (String) execution.getVariable(DISTRICT_CODE),
                        (String) execution.getVariable(DISTRICT_NAME), (String) execution.getVariable(CASE_REF))) {
                    started++;
                }
            }
            execution.setVariable(JOURNEYS_STARTED, started);
        };
    }

    /** One household member from the member form, added to the round's list (kept out of history). */
    @Bean
    TaskListener recordMember() {
        return task -> {
            List<Map<String, Object>> members = new ArrayList<>(readMemberRows(task.getVariable(MEMBERS)));
            Map<String, Object> member = new java.util.LinkedHashMap<>();
            for (String field : MEMBER_FIELDS) {
                member.put(field, plain(task.getExecution().getVariableLocal(field)));
            }
            members.add(member);
            try {
                task.getExecution().setVariable(MEMBERS, JSON.writeValueAsString(members));
            } catch (JsonProcessingException e) {
                throw new ProcessEngineException("Could not keep the household member", e);
            }
            task.getExecution().setVariable(MEMBER_COUNT, members.size());
        };
    }

    /** Shows the assistant whose documents are missing: the member's first name and which cards. */
    @Bean
    TaskListener describeMember(MemberDirectory directory) {
        return task -> {
            Object memberId = task.getVariable(MEMBER_ID);
            task.setVariableLocal("firstName", directory.firstName(memberId));
            task.setVariableLocal("missingDocuments", directory.missingDocumentsLabel(memberId));
        };
    }

    @Bean
    TaskListener recordDocumentAssistance(HouseholdRepository households) {
        return task -> {
            Object memberId = task.getVariable(MEMBER_ID);
            if (memberId == null) {
                memberId = task.getVariable("participantMemberId");
            }
            if (memberId != null) {
                households.recordDocuments(UUID.fromString(memberId.toString()),
                        Boolean.TRUE.equals(task.getVariable("addressCardArranged")),
                        Boolean.TRUE.equals(task.getVariable("tajCardArranged")));
            }
        };
    }

    /** Tasklist submits a checklist as a JSON variable (a Spin node): keep it as plain JSON data. */
    private static Object plain(Object value) {
        if (value != null && value.getClass().getName().startsWith("org.camunda.spin")) {
            try {
                return JSON.readValue(value.toString(), Object.class);
            } catch (JsonProcessingException e) {
                throw new ProcessEngineException("A household member field is not valid JSON", e);
            }
        }
        return value;
    }

    static UUID householdId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(HOUSEHOLD_ID));
    }

    static int intValue(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            return (int) Double.parseDouble(s.trim());
        }
        throw new ProcessEngineException("Expected a number but got " + (value == null ? "nothing" : value.getClass()));
    }

    /** The members recorded so far: JSON text (or, from Java, a list of maps); none yet is an empty list. */
    static List<Map<String, Object>> readMemberRows(Object value) {
        try {
            if (value instanceof Collection<?> list) {
                return JSON.convertValue(list, new TypeReference<>() { });
            }
            return value == null ? List.of() : JSON.readValue(value.toString(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new ProcessEngineException("The household members are not valid JSON", e);
        }
    }

    static List<HouseholdRepository.Member> readMembers(Object value) {
        List<Map<String, Object>> rows = readMemberRows(value);
        if (rows.isEmpty()) {
            throw new ProcessEngineException("The survey has no household members");
        }
        List<HouseholdRepository.Member> members = new ArrayList<>();
        int no = 1;
        for (Map<String, Object> row : rows) {
            Object sources = row.get("incomeSources");
            members.add(new HouseholdRepository.Member(UUID.randomUUID(), no++, (String) row.get("firstName"),
                    intValue(row.get("birthYear")), (String) row.get("relation"), (String) row.get("schooling"),
                    (String) row.get("employmentStatus"), (String) row.get("workCapacity"),
                    Boolean.TRUE.equals(row.get("healthLimits")),
                    sources instanceof Collection<?> c ? String.join(",", c.stream().map(String::valueOf).toList())
                            : (String) sources,
                    Boolean.TRUE.equals(row.get("hasAddressCard")), Boolean.TRUE.equals(row.get("hasTajCard")),
                    Boolean.TRUE.equals(row.get("agreesToContact"))));
        }
        return members;
    }
}
