package hu.miskolc.fourim.cohort;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Component;

/**
 * Used by the {@code cohort} model as {@code ${cohortSessions…}}: when a session starts, and the facilitator's list
 * forms — one row per member still in the group (case reference and first name), as JSON for Camunda Forms' dynamic
 * lists. Members whose journey ended leave the group when the next list is made.
 */
@Component("cohortSessions")
public class CohortSessions {

    static final ZoneId ZONE = ZoneId.of("Europe/Budapest");
    static final LocalTime SESSION_TIME = LocalTime.of(8, 0);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy. MM. dd.");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CohortRepository cohorts;

    CohortSessions(CohortRepository cohorts) {
        this.cohorts = cohorts;
    }

    /** The session's day (08:00): the facilitator's attendance task opens then. */
    public Date startsAt(Object sessionId) {
        CohortRepository.Session session = cohorts.session(id(sessionId));
        return Date.from(session.date().atTime(SESSION_TIME).atZone(ZONE).toInstant());
    }

    public String label(Object sessionId) {
        CohortRepository.Session session = cohorts.session(id(sessionId));
        return session.no() + ". alkalom, " + DATE.format(session.date()) + " – " + session.topic();
    }

    public JsonValue attendanceList(Object cohortId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CohortRepository.Member member : membersStillInTheGroup(cohortId)) {
            Map<String, Object> row = row(member);
            row.put("present", false);
            row.put("leftCohort", false);
            row.put("note", "");
            rows.add(row);
        }
        return json(rows);
    }

    public JsonValue resultList(Object cohortId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CohortRepository.Member member : membersStillInTheGroup(cohortId)) {
            rows.add(row(member));
        }
        return json(rows);
    }

    private List<CohortRepository.Member> membersStillInTheGroup(Object cohortId) {
        UUID id = UUID.fromString(cohortId.toString());
        cohorts.markProgrammeLeavers(id);
        return cohorts.activeMembers(id);
    }

    private static Map<String, Object> row(CohortRepository.Member member) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("caseRef", member.caseRef());
        row.put("firstName", member.firstName() == null ? "" : member.firstName());
        return row;
    }

    static JsonValue json(Object value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new ProcessEngineException("A list for the form cannot be written", e);
        }
    }

    /** A submitted list form: JSON text, a Spin JSON node, or (from Java) a list of maps. */
    static List<Map<String, Object>> rows(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            if (value instanceof Collection<?> list) {
                return JSON.convertValue(list, new TypeReference<>() { });
            }
            return JSON.readValue(value.toString(), new TypeReference<>() { });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProcessEngineException("The list is not valid JSON", e);
        }
    }

    static long id(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }
}
