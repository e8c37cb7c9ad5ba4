package hu.miskolc.fourim.kpi;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The dashboard's filters, all optional: a district code, and a date range on the participant's (or household's)
 * registration, {@code from} and {@code to} both inclusive, as calendar days in the programme's time zone.
 */
record KpiFilter(String district, LocalDate from, LocalDate to) {

    static final ZoneId ZONE = ZoneId.of("Europe/Budapest");

    OffsetDateTime fromTime() {
        return from == null ? null : from.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** Exclusive upper bound: the start of the day after {@code to}. */
    OffsetDateTime toTime() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
    }
}
