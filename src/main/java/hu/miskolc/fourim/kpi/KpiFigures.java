package hu.miskolc.fourim.kpi;

import java.util.List;
import java.util.Map;

/**
 * The aggregate figures {@code /api/kpi/summary} is assembled from, for one filter. Rows carry the column names the
 * controller reads; districts without data are absent (the controller fills zeros).
 */
interface KpiFigures {

    /**
     * Per district: {@code registered}, {@code participants}, {@code ready_at_start}, {@code activated},
     * {@code not_ready}, {@code closer}, {@code assessed}, {@code accepted}, {@code in_service}, {@code closed}.
     */
    List<Map<String, Object>> participantsByDistrict(KpiFilter filter);

    /** Closed journeys by outcome (every outcome present, zero when none). */
    Map<String, Long> outcomes(KpiFilter filter);

    /** Per district: {@code planned}, {@code visited}, {@code surveyed}. */
    List<Map<String, Object>> householdsByDistrict(KpiFilter filter);

    /**
     * Referral figures as grouping sets: overall, per district, per package and per package and track
     * ({@code no_district}, {@code no_package}, {@code no_track} mark the level), with {@code referred} and
     * {@code accepted} participants, {@code accepted_referrals}, {@code decided} and {@code median_days}.
     */
    List<Map<String, Object>> referrals(KpiFilter filter);
}
