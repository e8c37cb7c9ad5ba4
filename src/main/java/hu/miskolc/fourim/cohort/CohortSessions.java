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
 * Used by the {@code cohort} model as {@code ${cohortSessions…}}: when a session starts, and the options of the
 * facilitator's checklists — one per member still in the group (first name and case reference). Members whose journey
 * ended leave the group when the next list is made.
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

    /** The checklist options of the attendance and results forms: "first name (case ref)", valued by case ref. */
    public JsonValue memberOptions(Object cohortId) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (CohortRepository.Member member : membersStillInTheGroup(cohortId)) {
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("label", (member.firstName() == null || member.firstName().isBlank() ? ""
                    : member.firstName() + " ") + "(" + member.caseRef() + ")");
            option.put("value", member.caseRef());
            options.add(option);
        }
        return json(options);
    }

    private List<CohortRepository.Member> membersStillInTheGroup(Object cohortId) {
        UUID id = UUID.fromString(cohortId.toString());
        cohorts.markProgrammeLeavers(id);
        return cohorts.activeMembers(id);
    }

    static JsonValue json(Object value) {
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new ProcessEngineException("A list for the form cannot be written", e);
        }
    }

    /** A submitted checklist: a Spin JSON node or JSON text, or (from Java) a list; none is an empty list. */
    static List<String> strings(Object value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return List.of();
        }
        try {
            if (value instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return JSON.readValue(value.toString(), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProcessEngineException("The checklist is not a JSON list of texts", e);
        }
    }

    /** The options of a checklist (label and value), as the model offers them. */
    static List<Map<String, Object>> options(Object value) {
        try {
            return JSON.readValue(value.toString(), new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new ProcessEngineException("The options are not valid JSON", e);
        }
    }

    static long id(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }
}
