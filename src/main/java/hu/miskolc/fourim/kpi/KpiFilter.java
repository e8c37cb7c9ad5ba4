package hu.miskolc.fourim.kpi;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The dashboard's filters, all optional: a district code; a date range on the participant's (or household's)
 * registration, {@code from} and {@code to} both inclusive, as calendar days in the programme's time zone; and a
 * service package (with, for {@code employment}, an employment track) that selects the participants with at least one
 * referral to that package, whatever its status.
 */
record KpiFilter(String district, LocalDate from, LocalDate to, String servicePackage, String track) {

    static final ZoneId ZONE = ZoneId.of("Europe/Budapest");

    KpiFilter(String district, LocalDate from, LocalDate to) {
        this(district, from, to, null, null);
    }

    OffsetDateTime fromTime() {
        return from == null ? null : from.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** Exclusive upper bound: the start of the day after {@code to}. */
    OffsetDateTime toTime() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    }
}
