package hu.miskolc.fourim.council;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.benefit.BenefitSupport;
import hu.miskolc.fourim.journey.ServicePackage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The council's minutes: {@code GET /api/council/meetings} lists the meetings, {@code GET
 * /api/council/meetings/{id}/minutes.csv} exports one meeting — every vote (who, when, what) and every outcome (decided
 * by quorum or by the chair, or postponed for a tie or a missing quorum), item by item. Semicolon-separated UTF-8 with a
 * byte-order mark, so spreadsheet programs open it with Hungarian characters intact.
 */
@RestController
@RequestMapping("/api/council/meetings")
class CouncilMinutesController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> RECORDS = Map.of("vote", "szavazat", "decision", "döntés",
            "postponed", "elhalasztva");
    private static final Map<String, String> REASONS = Map.of("tie", "döntetlen vagy nincs többség",
            "no-quorum", "nem volt határozatképes");
    private static final List<String> COLUMNS = List.of("ülés", "napirendi pont", "típus", "városrész", "ügyszám",
            "cím", "bejegyzés", "ki", "mikor", "mi", "szöveg", "teendő");

    private final CouncilRepository council;
    private final CouncilSettings settings;

    CouncilMinutesController(CouncilRepository council, CouncilSettings settings) {
        this.council = council;
        this.settings = settings;
    }

    @GetMapping
    List<Map<String, Object>> meetings() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (CouncilRepository.Meeting meeting : council.meetings()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", meeting.id());
            entry.put("date", meeting.date().toString());
            entry.put("place", meeting.place());
            entry.put("items", council.agenda(meeting.id()).size());
            entry.put("minutes", "/api/council/meetings/" + meeting.id() + "/minutes.csv");
            result.add(entry);
        }
        return result;
    }

    @GetMapping("/{id}/minutes.csv")
    ResponseEntity<?> minutes(@PathVariable long id) {
        CouncilRepository.Meeting meeting = council.findMeeting(id).orElse(null);
        if (meeting == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("status", 404, "message", "Nincs ilyen ülés: " + id));
        }
        List<List<String>> rows = new ArrayList<>();
        for (CouncilRepository.MinutesLine line : council.minutes(id)) {
            rows.add(List.of(meeting.date().toString(), line.reference(),
                    "case".equals(line.kind()) ? "eszkalált ügy" : "javaslat", line.districtCode(),
                    text(line.caseRef()), line.title(), RECORDS.getOrDefault(line.record(), line.record()),
                    who(line), line.when() == null ? "" : TIME.format(line.when().atZone(settings.zone())),
                    what(line), text(line.text()), instruction(line)));
        }
        StringBuilder body = new StringBuilder("\uFEFF").append(csvLine(COLUMNS));
        rows.forEach(row -> body.append(csvLine(row)));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"tit-ules-" + meeting.date() + "-jegyzokonyv.csv\"")
                .body(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One CSV line: fields with a separator, quote or line break are quoted; a field that a spreadsheet would run as
     * a formula (starting with =, +, -, @) is prefixed with an apostrophe.
     */
    static String csvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (String field : fields) {
            String value = field == null ? "" : field;
            if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
                value = "'" + value;
            }
            if (line.length() > 0) {
                line.append(';');
            }
            if (value.contains(";") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
                value = '"' + value.replace("\"", "\"\"") + '"';
            }
            line.append(value);
        }
        return line.append("\r\n").toString();
    }

    private static String who(CouncilRepository.MinutesLine line) {
        if ("decision".equals(line.record()) && !line.chairDecision()) {
            return "a Tanács (többségi szavazás)";
        }
        if ("decision".equals(line.record())) {
            return line.who() + " (elnök)";
        }
        return text(line.who());
    }

    private static String what(CouncilRepository.MinutesLine line) {
        if ("postponed".equals(line.record())) {
            return REASONS.getOrDefault(line.what(), text(line.what()));
        }
        String label = CouncilDecision.fromCode(line.what()).map(CouncilDecision::label).orElse(text(line.what()));
        return "vote".equals(line.record()) && line.chairDecision() ? label + " (elnöki döntésként)" : label;
    }

    private static String instruction(CouncilRepository.MinutesLine line) {
        if (line.instruction() == null) {
            return "";
        }
        String label = CouncilInstruction.fromCode(line.instruction()).map(CouncilInstruction::label)
                .orElse(line.instruction());
        if (line.instructionPackage() != null) {
            return label + ": " + ServicePackage.fromCode(line.instructionPackage()).label();
        }
        return line.instructionSupport() == null ? label : label + ": " + BenefitSupport
                .fromCode(line.instructionSupport()).map(BenefitSupport::label).orElse(line.instructionSupport());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
