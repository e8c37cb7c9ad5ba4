package hu.miskolc.fourim.kpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * SQL for the KPI dashboard besides the summary's figures ({@link KpiRollup}): the districts shown, the outcome export
 * and the welfare indicator, aggregated in PostgreSQL (covering indexes V40, V41). The package filter is a semi-join
 * on the participant's referrals ({@code exists}), so a person with two referrals of the package is still one row.
 */
@Repository
class KpiRepository {

    private final JdbcTemplate jdbc;

    KpiRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean districtExists(String code) {
        return jdbc.queryForObject("select count(*) from district where code = ?", Integer.class, code) > 0;
    }

    /** Code → name of the districts shown: the filtered one, or every active one (and any with data). */
    Map<String, String> districts(KpiFilter filter) {
        Map<String, String> names = new LinkedHashMap<>();
        if (filter.district() != null) {
            jdbc.query("select code, name from district where code = ?",
                    (RowCallbackHandler) rs -> names.put(rs.getString(1), rs.getString(2)), filter.district());
        } else {
            jdbc.query("select code, name from district where active order by pilot desc, name",
                    (RowCallbackHandler) rs -> names.put(rs.getString(1), rs.getString(2)));
        }
        return names;
    }

    /** One line per participant for EU reporting, streamed: no names, no case references. */
    void outcomeRows(KpiFilter filter, RowCallbackHandler handler) {
        List<Object> args = new ArrayList<>();
        String where = participantWhere(filter, args);
        jdbc.query("select p.id, p.district_code, p.created_at, p.consent_at, p.ready_at_start, p.assessed_at, "
                + "p.first_accepted_at, p.status, p.outcome, p.closed_at, "
                + "(select string_agg(distinct r.package, ';') from referral r "
                + " where r.participant_id = p.id and r.status = 'accepted') as packages "
                + "from participant p" + where + " order by p.created_at, p.id", handler, args.toArray());
    }

    /**
     * Welfare-indicator scores per district: the distribution (bands of 20 points) at each household's first survey
     * and at its latest one, and for re-surveyed households the average first and latest score. The period selects
     * households by the date of their first survey.
     */
    List<Map<String, Object>> welfare(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        List<String> innerConditions = new ArrayList<>();
        if (filter.district() != null) {
            innerConditions.add("district_code = ?");
            args.add(filter.district());
        }
        if (filter.servicePackage() != null) {
            innerConditions.add("household_id in (select hp.household_id from participant hp join referral rf "
                    + "on rf.participant_id = hp.id where " + referralMatch(filter, args) + ")");
        }
        String inner = innerConditions.isEmpty() ? "" : " where " + String.join(" and ", innerConditions);
        List<String> outer = new ArrayList<>();
        if (filter.from() != null) {
            outer.add("first_at >= ?");
            args.add(filter.fromTime());
        }
        if (filter.to() != null) {
            outer.add("first_at < ?");
            args.add(filter.toTime());
        }
        StringBuilder bands = new StringBuilder();
        for (String which : new String[] {"first", "latest"}) {
            String rank = which.equals("first") ? "r_first" : "r_last";
            for (int low = 0; low < 100; low += 20) {
                int high = low == 80 ? 100 : low + 19;
                bands.append(", count(*) filter (where ").append(rank).append(" = 1 and score between ").append(low)
                        .append(" and ").append(high).append(") as ").append(which).append('_').append(low);
            }
        }
        return jdbc.queryForList("with w as (select district_code, score, "
                + "row_number() over (partition by household_id order by survey_round) as r_first, "
                + "row_number() over (partition by household_id order by survey_round desc) as r_last, "
                + "count(*) over (partition by household_id) as rounds, "
                + "min(computed_at) over (partition by household_id) as first_at from welfare_indicator" + inner + ") "
                + "select district_code as district, count(*) filter (where r_first = 1) as households, "
                + "count(*) filter (where r_first = 1 and rounds > 1) as resurveyed, "
                + "avg(score) filter (where r_first = 1) as first_average, "
                + "avg(score) filter (where r_first = 1 and rounds > 1) as resurveyed_first_average, "
                + "avg(score) filter (where r_last = 1 and rounds > 1) as resurveyed_latest_average" + bands
                + " from w" + (outer.isEmpty() ? "" : " where " + String.join(" and ", outer))
                + " group by district_code", args.toArray());
    }

    /** The filter on participants (alias {@code p}): district, registration date and package (also the tests'). */
    static String participantWhere(KpiFilter filter, List<Object> args) {
        List<String> conditions = common("p", filter, args);
        if (filter.servicePackage() != null) {
            conditions.add("exists (select 1 from referral rf where rf.participant_id = p.id and "
                    + referralMatch(filter, args) + ")");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** District and registration period of the rows of {@code alias}. */
    static List<String> common(String alias, KpiFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (filter.district() != null) {
            conditions.add(alias + ".district_code = ?");
            args.add(filter.district());
        }
        if (filter.from() != null) {
            conditions.add(alias + ".created_at >= ?");
            args.add(filter.fromTime());
        }
        if (filter.to() != null) {
            conditions.add(alias + ".created_at < ?");
            args.add(filter.toTime());
        }
        return conditions;
    }

    /** A referral (alias {@code rf}) to the filter's package, and to its employment track when one is given. */
    static String referralMatch(KpiFilter filter, List<Object> args) {
        args.add(filter.servicePackage());
        if (filter.track() == null) {
            return "rf.package = ?";
        }
        args.add(filter.track());
        return "rf.package = ? and rf.employment_track = ?";
    }

}
