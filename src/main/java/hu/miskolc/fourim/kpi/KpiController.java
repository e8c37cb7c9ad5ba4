package hu.miskolc.fourim.kpi;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.miskolc.fourim.CodedValue;
import hu.miskolc.fourim.journey.Outcome;
import hu.miskolc.fourim.journey.ServicePackage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The programme KPI (CONTRACT.md, {@code /api/kpi/summary}) and the per-participant outcome export for EU reporting.
 * Filters: {@code district} (a district code), {@code from}, {@code to} (ISO dates, inclusive), {@code package} (a
 * service-package code: participants with a referral to it) and {@code track} (an employment track, with the
 * employment package), all optional; an invalid value is a 400 with the reason in Hungarian (English with
 * {@code Accept-Language: en}).
 */
@RestController
@RequestMapping("/api/kpi")
class KpiController {

    static final double TARGET = 0.8;
    static final List<String> EMPLOYMENT_TRACKS = List.of("full", "home", "reduced");

    private final KpiRepository repository;
    private final KpiFigures rollup;
    /** The summary's queries in one read-only snapshot, so its figures agree with each other. */
    private final TransactionTemplate snapshot;
    private final Pseudonyms pseudonyms;
    private final MessageSource messages;
    /** Nulls are part of the contract here ("activationRate": null when nobody was ready), unlike elsewhere. */
    private final ObjectMapper json;

    private final LateItems lateItems;

    KpiController(KpiRepository repository, KpiRollup rollup, PlatformTransactionManager transactionManager,
                  Pseudonyms pseudonyms, MessageSource messages, ObjectMapper objectMapper, LateItems lateItems) {
        this.lateItems = lateItems;
        this.repository = repository;
        this.rollup = rollup;
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.pseudonyms = pseudonyms;
        this.messages = messages;
        this.json = objectMapper.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    /** An invalid filter value, reported as 400 with a localized reason. */
    static final class InvalidFilter extends RuntimeException {
        final String key;
        final Object[] args;

        InvalidFilter(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }
    }

    @GetMapping("/summary")
    ResponseEntity<?> summary(@RequestParam(required = false) String district,
                              @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              @RequestParam(name = "package", required = false) String servicePackage,
                              @RequestParam(required = false) String track) {
        KpiFilter filter = filter(district, from, to, servicePackage, track);
        return json(snapshot.execute(status -> summary(filter, rollup)));
    }

    /**
     * What is late now (overdue follow-ups, referrals waiting longer than {@code days}, open council items); with a
     * package, only what concerns it (its working group's referrals, the follow-ups and council items of participants
     * referred to it).
     */
    @GetMapping("/late")
    ResponseEntity<?> late(@RequestParam(required = false) String district,
                           @RequestParam(name = "package", required = false) String servicePackage,
                           @RequestParam(required = false) String days) {
        KpiFilter filter = filter(district, null, null, servicePackage, null);
        int waiting = 7;
        if (days != null && !days.isBlank()) {
            try {
                waiting = Integer.parseInt(days.trim());
            } catch (NumberFormatException e) {
                waiting = -1;
            }
            if (waiting < 1 || waiting > 365) {
                throw new InvalidFilter("kpi.days.invalid", days);
            }
        }
        return json(lateItems.now(filter.district(), filter.servicePackage(), waiting));
    }

    /** Welfare-indicator distribution per district, at the first survey and the latest, and the change. */
    @GetMapping("/welfare")
    ResponseEntity<?> welfare(@RequestParam(required = false) String district,
                              @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              @RequestParam(name = "package", required = false) String servicePackage,
                              @RequestParam(required = false) String track) {
        KpiFilter filter = filter(district, from, to, servicePackage, track);
        Map<String, Object> byDistrict = new LinkedHashMap<>();
        repository.districts(filter).forEach((code, name) -> byDistrict.put(code, welfareEntry(name, Map.of())));
        for (Map<String, Object> row : repository.welfare(filter)) {
            String code = (String) row.get("district");
            Object name = byDistrict.containsKey(code) ? ((Map<?, ?>) byDistrict.get(code)).get("name") : code;
            byDistrict.put(code, welfareEntry(name, row));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bands", List.of("0-19", "20-39", "40-59", "60-79", "80-100"));
        body.put("byDistrict", byDistrict);
        return json(body);
    }

    private static Map<String, Object> welfareEntry(Object name, Map<String, Object> row) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("households", n(row, "households"));
        entry.put("resurveyed", n(row, "resurveyed"));
        entry.put("firstAverage", average(row.get("first_average")));
        Map<String, Long> first = new LinkedHashMap<>();
        Map<String, Long> latest = new LinkedHashMap<>();
        for (int low = 0; low < 100; low += 20) {
            String band = low + "-" + (low == 80 ? 100 : low + 19);
            first.put(band, n(row, "first_" + low));
            latest.put(band, n(row, "latest_" + low));
        }
        entry.put("firstSurvey", first);
        entry.put("latestSurvey", latest);
        Double before = average(row.get("resurveyed_first_average"));
        Double after = average(row.get("resurveyed_latest_average"));
        entry.put("resurveyedFirstAverage", before);
        entry.put("resurveyedLatestAverage", after);
        entry.put("averageChange", before == null || after == null ? null : Math.round((after - before) * 10) / 10.0);
        return entry;
    }

    private static Double average(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }

    private ResponseEntity<String> json(Object body) {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/outcomes.csv")
    void outcomesCsv(@RequestParam(required = false) String district, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to,
                     @RequestParam(name = "package", required = false) String servicePackage,
                     @RequestParam(required = false) String track, HttpServletResponse response) throws IOException {
        // validated before anything is written, so an invalid filter still becomes the JSON 400 of invalidFilter
        KpiFilter filter = filter(district, from, to, servicePackage, track);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"4im-outcomes.csv\"");
        Writer out = response.getWriter();
        out.write("participant,district,registered,consented,ready_at_start,assessed,first_accepted,packages,"
                + "status,outcome,activation,closed\n");
        repository.outcomeRows(filter, rs -> {
            try {
                String outcome = rs.getString("outcome");
                Object ready = rs.getObject("ready_at_start");
                out.write(String.join(",", pseudonyms.of(rs.getObject("id").toString()), rs.getString("district_code"),
                        date(rs.getTimestamp("created_at")), date(rs.getTimestamp("consent_at")),
                        ready == null ? "" : ready.toString(), date(rs.getTimestamp("assessed_at")),
                        date(rs.getTimestamp("first_accepted_at")), nz(rs.getString("packages")), rs.getString("status"),
                        nz(outcome), outcome == null ? "" : String.valueOf(
                                Outcome.fromCode(outcome).map(Outcome::activation).orElse(false)),
                        date(rs.getTimestamp("closed_at"))));
                out.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.flush();
    }

    KpiFilter filter(String district, String from, String to, String servicePackage, String track) {
        String code = blankToNull(district);
        if (code != null && !repository.districtExists(code)) {
            throw new InvalidFilter("kpi.district.unknown", code);
        }
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new InvalidFilter("kpi.range.invalid", fromDate, toDate);
        }
        String packageCode = blankToNull(servicePackage);
        if (packageCode != null && CodedValue.fromCode(ServicePackage.class, packageCode).isEmpty()) {
            throw new InvalidFilter("kpi.package.unknown", packageCode);
        }
        String trackCode = blankToNull(track);
        if (trackCode != null) {
            if (!EMPLOYMENT_TRACKS.contains(trackCode)) {
                throw new InvalidFilter("kpi.track.unknown", trackCode);
            }
            if (packageCode == null) {
                packageCode = ServicePackage.EMPLOYMENT.code();
            } else if (!ServicePackage.EMPLOYMENT.code().equals(packageCode)) {
                throw new InvalidFilter("kpi.track.package", packageCode);
            }
        }
        return new KpiFilter(code, fromDate, toDate, packageCode, trackCode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The summary for the filter from {@code figures} (the roll-up; tests compare it with the direct aggregates). */
    Map<String, Object> summary(KpiFilter filter, KpiFigures figures) {
        Map<String, String> districtNames = repository.districts(filter);
        Map<String, Map<String, Object>> byDistrict = new LinkedHashMap<>();
        districtNames.forEach((code, name) -> byDistrict.put(code, emptyDistrict(name)));

        long[] totals = new long[11];
        String[] columns = {"registered", "participants", "ready_at_start", "activated", "not_ready", "closer",
                "assessed", "accepted", "in_service", "closed"};
        for (Map<String, Object> row : figures.participantsByDistrict(filter)) {
            Map<String, Object> d = byDistrict.computeIfAbsent((String) row.get("district"), c -> emptyDistrict(c));
            for (int i = 0; i < columns.length; i++) {
                totals[i] += ((Number) row.get(columns[i])).longValue();
            }
            long participants = n(row, "participants");
            long ready = n(row, "ready_at_start");
            long activated = n(row, "activated");
            long notReady = n(row, "not_ready");
            long closer = n(row, "closer");
            d.put("participants", participants);
            d.put("readyAtStart", ready);
            d.put("activatedAmongReady", activated);
            d.put("activationRate", rate(activated, ready));
            d.put("notReadyAtStart", notReady);
            d.put("closerAmongOthers", closer);
            d.put("closerRate", rate(closer, notReady));
            d.put("assessed", n(row, "assessed"));
            d.put("accepted", n(row, "accepted"));
            d.put("inService", n(row, "in_service"));
            d.put("closed", n(row, "closed"));
        }
        long households = 0, visited = 0, surveyed = 0;
        for (Map<String, Object> row : figures.householdsByDistrict(filter)) {
            Map<String, Object> d = byDistrict.computeIfAbsent((String) row.get("district"), c -> emptyDistrict(c));
            d.put("households", n(row, "planned"));
            d.put("householdsSurveyed", n(row, "surveyed"));
            households += n(row, "planned");
            visited += n(row, "visited");
            surveyed += n(row, "surveyed");
        }

        Map<String, Object> byPackage = new LinkedHashMap<>();
        for (ServicePackage p : ServicePackage.values()) {
            Map<String, Object> entry = emptyReferrals();
            entry.put("name", p.label());
            if (p == ServicePackage.EMPLOYMENT) {
                Map<String, Object> tracks = new LinkedHashMap<>();
                EMPLOYMENT_TRACKS.forEach(t -> tracks.put(t, emptyReferrals()));
                entry.put("tracks", tracks);
            }
            byPackage.put(p.code(), entry);
        }
        long referred = 0;
        for (Map<String, Object> row : figures.referrals(filter)) {
            boolean noDistrict = n(row, "no_district") == 1;
            boolean noPackage = n(row, "no_package") == 1;
            boolean noTrack = n(row, "no_track") == 1;
            if (noDistrict && noPackage) {
                referred = n(row, "referred");
            } else if (!noDistrict) {
                Map<String, Object> d = byDistrict.computeIfAbsent((String) row.get("district"), c -> emptyDistrict(c));
                d.putAll(referralFigures(row));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) byPackage.computeIfAbsent((String) row.get("package"),
                        c -> emptyReferrals());
                if (noTrack) {
                    entry.putAll(referralFigures(row));
                } else if (row.get("track") != null && entry.get("tracks") instanceof Map<?, ?> tracks) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>) tracks;
                    t.put((String) row.get("track"), referralFigures(row));
                }
            }
        }

        Map<String, Object> funnel = new LinkedHashMap<>();
        funnel.put("householdsPlanned", households);
        funnel.put("householdsVisited", visited);
        funnel.put("householdsSurveyed", surveyed);
        funnel.put("consenting", totals[1]);
        funnel.put("assessed", totals[6]);
        funnel.put("referred", referred);
        funnel.put("accepted", totals[7]);
        funnel.put("inService", totals[8]);
        funnel.put("closed", totals[9]);

        Map<String, Object> summary = new LinkedHashMap<>();
        long participants = totals[1], ready = totals[2], activated = totals[3], notReady = totals[4],
                closer = totals[5];
        summary.put("participants", participants);
        summary.put("readyAtStart", ready);
        summary.put("activatedAmongReady", activated);
        summary.put("activationRate", rate(activated, ready));
        summary.put("target", TARGET);
        summary.put("notReadyAtStart", notReady);
        summary.put("closerAmongOthers", closer);
        summary.put("closerRate", rate(closer, notReady));
        summary.put("programmeRate", rate(activated + closer, ready + notReady));
        summary.put("funnel", funnel);
        summary.put("outcomes", figures.outcomes(filter));
        summary.put("byPackage", byPackage);
        summary.put("byDistrict", byDistrict);
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("district", filter.district());
        applied.put("from", filter.from() == null ? null : filter.from().toString());
        applied.put("to", filter.to() == null ? null : filter.to().toString());
        applied.put("package", filter.servicePackage());
        applied.put("track", filter.track());
        summary.put("filter", applied);
        return summary;
    }

    private static Map<String, Object> emptyDistrict(String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("households", 0L);
        d.put("householdsSurveyed", 0L);
        d.put("participants", 0L);
        d.put("readyAtStart", 0L);
        d.put("activatedAmongReady", 0L);
        d.put("activationRate", null);
        d.put("notReadyAtStart", 0L);
        d.put("closerAmongOthers", 0L);
        d.put("closerRate", null);
        d.put("assessed", 0L);
        d.put("accepted", 0L);
        d.put("inService", 0L);
        d.put("closed", 0L);
        d.putAll(emptyReferrals());
        return d;
    }

    private static Map<String, Object> emptyReferrals() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("referred", 0L);
        r.put("acceptedParticipants", 0L);
        r.put("acceptanceRate", null);
        r.put("medianDaysToAccepted", null);
        return r;
    }

    private static Map<String, Object> referralFigures(Map<String, Object> row) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("referred", n(row, "referred"));
        r.put("acceptedParticipants", n(row, "accepted"));
        r.put("acceptanceRate", rate(n(row, "accepted_referrals"), n(row, "decided")));
        Object median = row.get("median_days");
        r.put("medianDaysToAccepted", median == null ? null
                : Math.round(((Number) median).doubleValue() * 10) / 10.0);
        return r;
    }

    private static long n(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFilter("kpi.date.invalid", name, value);
        }
    }

    private static String date(Timestamp timestamp) {
        return timestamp == null ? "" : timestamp.toInstant().atZone(KpiFilter.ZONE).toLocalDate().toString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** Every endpoint's invalid filter value: 400 with the localized reason, as JSON (also for the CSV export). */
    @ExceptionHandler(InvalidFilter.class)
    ResponseEntity<Map<String, Object>> invalidFilter(InvalidFilter e, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("message", messages.getMessage(e.key, e.args, locale(request)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Hungarian unless the client asks for English. */
    static Locale locale(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("en")) {
            return Locale.ENGLISH;
        }
        return Locale.forLanguageTag("hu");
    }
}
