package hu.miskolc.fourim.kpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import hu.miskolc.fourim.journey.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The summary's figures aggregated directly over the participant, referral and household tables: the queries the
 * summary ran before the roll-up (V42), kept as the reference the roll-up must equal. The filters are the
 * repository's own ({@link KpiRepository#participantWhere}), so both sides select the same people.
 */
final class KpiDirectFigures implements KpiFigures {

    /** Outcome codes that count as employment, training or another activating measure. */
    static final String ACTIVATION_CODES = Arrays.stream(Outcome.values()).filter(Outcome::activation)
            .map(o -> "'" + o.code() + "'").collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;

    KpiDirectFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Participant figures per district (districts without participants are absent; the caller fills zeros). */
    @Override
    public List<Map<String, Object>> participantsByDistrict(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = KpiRepository.participantWhere(filter, args);
        return jdbc.queryForList("select p.district_code as district, "
                + "count(*) as registered, "
                + "count(*) filter (where p.consent_at is not null) as participants, "
                + "count(*) filter (where p.ready_at_start) as ready_at_start, "
                + "count(*) filter (where p.ready_at_start and p.outcome in (" + ACTIVATION_CODES + ")) as activated, "
                + "count(*) filter (where not p.ready_at_start) as not_ready, "
                + "count(*) filter (where not p.ready_at_start and (p.outcome = 'closer-to-services' or p.outcome in ("
                + ACTIVATION_CODES + "))) as closer, "
                + "count(*) filter (where p.assessed_at is not null) as assessed, "
                + "count(*) filter (where p.first_accepted_at is not null) as accepted, "
                + "count(*) filter (where p.status = 'in-service') as in_service, "
                + "count(*) filter (where p.status = 'closed' and p.outcome is not null) as closed "
                + "from participant p" + where + " group by p.district_code", args.toArray());
    }

    /** Closed journeys by outcome (every outcome present, zero when none). */
    @Override
    public Map<String, Long> outcomes(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = KpiRepository.participantWhere(filter, args);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome.code(), 0L);
        }
        jdbc.query("select p.outcome, count(*) from participant p" + and(where, "p.status = 'closed' and p.outcome is not null")
                        + " group by p.outcome",
                (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), args.toArray());
        return counts;
    }

    /** Households planned / visited / surveyed per district. */
    @Override
    public List<Map<String, Object>> householdsByDistrict(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = householdWhere(filter, args);
        return jdbc.queryForList("select h.district_code as district, count(*) as planned, "
                + "count(*) filter (where h.status <> 'planned' or h.surveyed_at is not null) as visited, "
                + "count(*) filter (where h.surveyed_at is not null) as surveyed "
                + "from household h" + where + " group by h.district_code", args.toArray());
    }

    /**
     * Referral figures in one pass with grouping sets: overall, per district, per package and per employment track.
     * {@code referred}/{@code accepted} count participants (a person with two referrals of a package counts once);
     * the acceptance rate is accepted referrals over decided ones; the median is days from the survey (the
     * participant's registration) to the referral's acceptance.
     */
    @Override
    public List<Map<String, Object>> referrals(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = KpiRepository.participantWhere(filter, args);
        return jdbc.queryForList("select grouping(p.district_code) as no_district, grouping(r.package) as no_package, "
                + "grouping(r.employment_track) as no_track, p.district_code as district, r.package, "
                + "r.employment_track as track, "
                + "count(distinct r.participant_id) as referred, "
                + "count(distinct r.participant_id) filter (where r.status = 'accepted') as accepted, "
                + "count(*) filter (where r.status = 'accepted') as accepted_referrals, "
                + "count(*) filter (where r.status in ('accepted', 'returned', 'returned-closed')) as decided, "
                + "percentile_cont(0.5) within group (order by extract(epoch from (r.decided_at - p.created_at)) / 86400.0) "
                + "filter (where r.status = 'accepted' and r.decided_at is not null) as median_days "
                + "from referral r join participant p on p.id = r.participant_id" + where
                + " group by grouping sets ((), (p.district_code), (r.package), (r.package, r.employment_track))",
                args.toArray());
    }

    /** The filter on households (alias {@code h}): district, registration date, and a member with the package. */
    private static String householdWhere(KpiFilter filter, List<Object> args) {
        List<String> conditions = KpiRepository.common("h", filter, args);
        if (filter.servicePackage() != null) {
            conditions.add("exists (select 1 from participant hp join referral rf on rf.participant_id = hp.id "
                    + "where hp.household_id = h.id and " + KpiRepository.referralMatch(filter, args) + ")");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String and(String where, String condition) {
        return where.isEmpty() ? " where " + condition : where + " and " + condition;
    }
}
