package hu.miskolc.fourim.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hu.miskolc.fourim.journey.Outcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The summary's figures from the roll-up tables ({@code V42__kpi_rollup.sql}): rows per scope (everybody, a package
 * or a package/track), district and registration year, month and day (a period reads its whole years and months and
 * the days at its ends), plus the differences the triggers recorded since the last fold ({@link KpiFold}), read in
 * the same statement. The result equals the aggregate over the participant, referral
 * and household tables; the median days to acceptance are exact to the hour (an hourly histogram).
 */
@Repository
class KpiRollup implements KpiFigures {

    private final JdbcTemplate jdbc;

    KpiRollup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Map<String, Object>> participantsByDistrict(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        return jdbc.queryForList("select district_code as district, sum(registered) as registered, "
                + "sum(participants) as participants, sum(ready_at_start) as ready_at_start, "
                + "sum(activated) as activated, sum(not_ready) as not_ready, sum(closer) as closer, "
                + "sum(assessed) as assessed, sum(accepted) as accepted, sum(in_service) as in_service, "
                + "sum(closed) as closed from " + rowsOf("kpi_participant", "district_code, registered, participants, "
                        + "ready_at_start, activated, not_ready, closer, assessed, accepted, in_service, closed", filter, args)
                + " group by district_code having sum(registered) > 0 order by district_code", args.toArray());
    }

    @Override
    public Map<String, Long> outcomes(KpiFilter filter) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome.code(), 0L);
        }
        List<Object> args = new ArrayList<>();
        jdbc.query("select outcome, sum(closed) from " + rowsOf("kpi_outcome", "outcome, closed", filter, args)
                        + " group by outcome having sum(closed) > 0 order by outcome",
                (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)), args.toArray());
        return counts;
    }

    @Override
    public List<Map<String, Object>> householdsByDistrict(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        return jdbc.queryForList("select district_code as district, sum(planned) as planned, "
                + "sum(visited) as visited, sum(surveyed) as surveyed from "
                + rowsOf("kpi_household", "district_code, planned, visited, surveyed", filter, args)
                + " group by district_code having sum(planned) > 0 order by district_code", args.toArray());
    }

    /**
     * The grouping-set rows of the direct query: referral package {@code '*'} holds the figures over all packages
     * (overall and per district), track {@code ''} those over all tracks (per package).
     */
    @Override
    public List<Map<String, Object>> referrals(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        List<Map<String, Object>> cells = jdbc.queryForList("select district_code, package, track, "
                + "sum(referred) as referred, sum(accepted) as accepted, "
                + "sum(accepted_referrals) as accepted_referrals, sum(decided) as decided from "
                + rowsOf("kpi_referral", "district_code, package, track, referred, accepted, accepted_referrals, "
                        + "decided", filter, args)
                + " group by district_code, package, track order by district_code, package, track", args.toArray());
        Map<String, Double> medians = medians(filter);

        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        Map<String, Object> overall = row(rows, "", null, null, null);
        for (Map<String, Object> cell : cells) {
            String district = (String) cell.get("district_code");
            String pkg = (String) cell.get("package");
            String track = (String) cell.get("track");
            if ("*".equals(pkg)) {
                add(overall, cell);
                add(row(rows, "d:" + district, district, null, null), cell);
            } else if (track.isEmpty()) {
                add(row(rows, "p:" + pkg, null, pkg, null), cell);
            } else {
                add(row(rows, "t:" + pkg + "/" + track, null, pkg, track), cell);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        rows.forEach((key, row) -> {
            if (!key.isEmpty() && ((Number) row.get("referred")).longValue() <= 0) {
                return; // no referral in this group: the direct query has no row for it
            }
            row.put("median_days", medians.get(key));
            result.add(row);
        });
        return result;
    }

    private static Map<String, Object> row(Map<String, Map<String, Object>> rows, String key, String district,
                                           String pkg, String track) {
        return rows.computeIfAbsent(key, k -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("no_district", district == null ? 1 : 0);
            row.put("no_package", pkg == null ? 1 : 0);
            row.put("no_track", track == null ? 1 : 0);
            row.put("district", district);
            row.put("package", pkg);
            row.put("track", track);
            for (String column : new String[] {"referred", "accepted", "accepted_referrals", "decided"}) {
                row.put(column, 0L);
            }
            return row;
        });
    }

    private static void add(Map<String, Object> row, Map<String, Object> cell) {
        for (String column : new String[] {"referred", "accepted", "accepted_referrals", "decided"}) {
            row.put(column, ((Number) row.get(column)).longValue() + ((Number) cell.get(column)).longValue());
        }
    }

    /**
     * The median days from registration to acceptance per district (all packages) and per package and track (all
     * districts), keyed like the rows of {@link #referrals}: percentile_cont(0.5) over the hourly histogram, i.e. the
     * two middle values (one when their number is odd) interpolated, each bucket counting as its hour. Without a
     * district filter the per-package medians come from the city-wide rows (district '*', whole years and months), the
     * districts' rows of single days and the deltas of every district. The histograms are added up here: a few
     * hundred sorted arrays, cheaper to merge than to unnest, group and sort in SQL.
     */
    private Map<String, Double> medians(KpiFilter filter) {
        List<Object> args = new ArrayList<>();
        String scope = scope(filter);
        String columns = "district_code, package, track, buckets, counts from kpi_median_rollup";
        String deltaColumns = "package, track, array[bucket], array[accepted] from kpi_median_delta";
        List<String> parts = new ArrayList<>();
        if (filter.district() != null) {
            parts.add("select " + columns + " where scope = ? and district_code = ? and ("
                    + periodCondition(periods(filter.from(), filter.to()), args, scope, filter.district()) + ")");
            parts.add("select district_code, " + deltaColumns + " where scope = ? and district_code = ?"
                    + dayCondition(filter, args, scope, filter.district()));
        } else {
            List<Period> periods = periods(filter.from(), filter.to());
            List<Period> coarse = periods.stream().filter(p -> p.level() != 'd').toList();
            List<Period> days = periods.stream().filter(p -> p.level() == 'd').toList();
            parts.add("select " + columns + " where scope = ? and package = '*' and district_code <> '*' and ("
                    + periodCondition(periods, args, scope) + ")");
            // per package: the city-wide rows of whole years and months, the districts' rows of single days
            if (!coarse.isEmpty()) {
                parts.add("select " + columns + " where scope = ? and district_code = '*' and package <> '*' and ("
                        + periodCondition(coarse, args, scope) + ")");
            }
            if (!days.isEmpty()) {
                parts.add("select '*', package, track, buckets, counts from kpi_median_rollup where scope = ? "
                        + "and period = 'd' and package <> '*' and (" + periodCondition(days, args, scope) + ")");
            }
            parts.add("select district_code, " + deltaColumns + " where scope = ? and package = '*'"
                    + dayCondition(filter, args, scope));
            parts.add("select '*', " + deltaColumns + " where scope = ? and package <> '*'"
                    + dayCondition(filter, args, scope));
        }
        Map<String, List<long[]>> histograms = new LinkedHashMap<>();
        jdbc.query(String.join(" union all ", parts), (RowCallbackHandler) rs -> {
            String district = rs.getString(1);
            String pkg = rs.getString(2);
            String track = rs.getString(3);
            String key = "*".equals(pkg) ? "d:" + district : track.isEmpty() ? "p:" + pkg : "t:" + pkg + "/" + track;
            Integer[] buckets = (Integer[]) rs.getArray(4).getArray();
            Integer[] counts = (Integer[]) rs.getArray(5).getArray();
            long[] packed = new long[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                packed[i] = ((long) buckets[i] << 32) | (counts[i] & 0xFFFFFFFFL);
            }
            histograms.computeIfAbsent(key, k -> new ArrayList<>()).add(packed);
        }, args.toArray());
        Map<String, Double> medians = new LinkedHashMap<>();
        histograms.forEach((key, pieces) -> {
            Double median = median(pieces);
            if (median != null) {
                medians.put(key, median);
            }
        });
        return medians;
    }

    /**
     * percentile_cont(0.5) in days over histograms of (hour bucket, count) pairs packed as {@code bucket << 32 |
     * count}: the counts of equal buckets are added, buckets whose sum is not positive are left out.
     */
    static Double median(List<long[]> histograms) {
        long[] all = histograms.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        List<long[]> summed = new ArrayList<>(); // {bucket, count}
        long total = 0;
        for (int i = 0; i < all.length;) {
            int bucket = (int) (all[i] >> 32);
            long count = 0;
            for (; i < all.length && (int) (all[i] >> 32) == bucket; i++) {
                count += (int) all[i];
            }
            if (count > 0) {
                summed.add(new long[] {bucket, count});
                total += count;
            }
        }
        if (total == 0) {
            return null;
        }
        long lowRank = (total - 1) / 2;
        long highRank = total / 2;
        double low = 0;
        double high = 0;
        long below = 0;
        for (long[] entry : summed) {
            if (below <= lowRank && lowRank < below + entry[1]) {
                low = entry[0] / 24.0;
            }
            if (below <= highRank && highRank < below + entry[1]) {
                high = entry[0] / 24.0;
                break;
            }
            below += entry[1];
        }
        return low + (high - low) * (total % 2 == 0 ? 0.5 : 0.0);
    }

    /**
     * {@code (roll-up rows union all delta rows) x} of one table family for the filter: its scope and district, the
     * roll-up's whole years, months and days of the period, and the deltas of its days.
     */
    private static String rowsOf(String table, String columns, KpiFilter filter, List<Object> args) {
        String scope = scope(filter);
        if (filter.district() == null) {
            return "(select " + columns + " from " + table + "_rollup where scope = ? and ("
                    + periodCondition(periods(filter.from(), filter.to()), args, scope) + ") union all select " + columns + " from " + table
                    + "_delta where scope = ?" + dayCondition(filter, args, scope) + ") x";
        }
        return "(select " + columns + " from " + table + "_rollup where scope = ? and district_code = ? and ("
                + periodCondition(periods(filter.from(), filter.to()), args, scope, filter.district()) + ") union all select " + columns
                + " from " + table + "_delta where scope = ? and district_code = ?"
                + dayCondition(filter, args, scope, filter.district()) + ") x";
    }

    /** The roll-up rows of the given periods (see {@link #periods}); adds the leading values first. */
    private static String periodCondition(List<Period> periods, List<Object> args, Object... leading) {
        args.addAll(List.of(leading));
        List<String> conditions = new ArrayList<>();
        for (Period period : periods) {
            StringBuilder condition = new StringBuilder("(period = '").append(period.level()).append('\'');
            if (period.from() != null) {
                condition.append(" and day >= ?");
                args.add(period.from());
            }
            if (period.until() != null) {
                condition.append(" and day < ?");
                args.add(period.until());
            }
            conditions.add(condition.append(')').toString());
        }
        return String.join(" or ", conditions);
    }

    /** The filter's days on the deltas (which are per day); adds the leading values. */
    private static String dayCondition(KpiFilter filter, List<Object> args, Object... leading) {
        args.addAll(List.of(leading));
        StringBuilder condition = new StringBuilder();
        if (filter.from() != null) {
            condition.append(" and day >= ?");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            condition.append(" and day <= ?");
            args.add(filter.to());
        }
        return condition.toString();
    }

    /** Roll-up rows of one level ('y' years, 'm' months, 'd' days) whose start is in [from, until) (null: open). */
    record Period(char level, LocalDate from, LocalDate until) {
    }

    /**
     * The calendar days from {@code from} to {@code to} (inclusive, either open) as whole years, then whole months at
     * both ends, then single days at both ends: at most five ranges, each day in exactly one of them.
     */
    static List<Period> periods(LocalDate from, LocalDate to) {
        LocalDate end = to == null ? null : to.plusDays(1);
        LocalDate yearFrom = from == null ? null
                : from.getDayOfYear() == 1 ? from : from.withDayOfYear(1).plusYears(1);
        LocalDate yearUntil = end == null ? null : end.withDayOfYear(1);
        LocalDate monthFrom = from == null ? null
                : from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate monthUntil = end == null ? null : end.withDayOfMonth(1);
        List<Period> periods = new ArrayList<>();
        if (yearFrom == null || yearUntil == null || yearFrom.isBefore(yearUntil)) {
            periods.add(new Period('y', yearFrom, yearUntil));
            if (monthFrom != null && monthFrom.isBefore(yearFrom)) {
                periods.add(new Period('m', monthFrom, yearFrom));
            }
            if (monthUntil != null && yearUntil.isBefore(monthUntil)) {
                periods.add(new Period('m', yearUntil, monthUntil));
            }
        } else if (monthFrom.isBefore(monthUntil)) {
            periods.add(new Period('m', monthFrom, monthUntil));
        } else {
            return List.of(new Period('d', from, end));
        }
        if (from != null && from.isBefore(monthFrom)) {
            periods.add(new Period('d', from, monthFrom));
        }
        if (end != null && monthUntil.isBefore(end)) {
            periods.add(new Period('d', monthUntil, end));
        }
        return periods;
    }

    /** The roll-up scope of the filter's package and track: {@code *}, {@code package} or {@code package/track}. */
    static String scope(KpiFilter filter) {
        if (filter.servicePackage() == null) {
            return "*";
        }
        return filter.track() == null ? filter.servicePackage() : filter.servicePackage() + "/" + filter.track();
    }
}
