package hu.miskolc.fourim.journey;

import java.time.Duration;
import java.time.Period;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timings of the journey, used by the process models as {@code ${journeySettings.…}} so operators can tune them
 * without a model change. Durations are ISO-8601 ({@code P3D}, {@code PT12H}).
 *
 * @param maxVisitAttempts       failed visits ("nobody home") before a household is closed as unreachable
 * @param revisitDelay           wait before the next visit after nobody was home
 * @param referralAcceptanceDue  a working group should accept or return a referral within this time
 * @param retentionCheckAfter    employment: time from placement to the retention check
 * @param followUpIntervals      follow-up interval per package; the shortest of a person's packages applies
 * @param defaultFollowUpInterval follow-up interval of packages not listed
 * @param followUpReminderAfter  an open follow-up reminds the coach after this time
 * @param followUpEscalateAfter  an open follow-up goes to the coordinators after this time (the grace period)
 */
@ConfigurationProperties("fourim.journey")
public record JourneySettings(
        @DefaultValue("3") int maxVisitAttempts,
        @DefaultValue("P3D") String revisitDelay,
        @DefaultValue("P7D") String referralAcceptanceDue,
        @DefaultValue("P90D") String retentionCheckAfter,
        @DefaultValue("P30D") String defaultFollowUpInterval,
        Map<String, String> followUpIntervals,
        @DefaultValue("P5D") String followUpReminderAfter,
        @DefaultValue("P10D") String followUpEscalateAfter) {

    public JourneySettings {
        followUpIntervals = followUpIntervals == null ? Map.of() : Map.copyOf(followUpIntervals);
        for (String duration : new String[] {revisitDelay, referralAcceptanceDue, retentionCheckAfter,
                defaultFollowUpInterval, followUpReminderAfter, followUpEscalateAfter}) {
            toDuration(duration);
        }
        followUpIntervals.values().forEach(JourneySettings::toDuration);
    }

    /** The follow-up interval of a person: the shortest among their packages. */
    public String followUpInterval(Collection<?> packages) {
        String shortest = defaultFollowUpInterval;
        if (packages != null) {
            for (Object pkg : packages) {
                String interval = followUpIntervals.getOrDefault(String.valueOf(pkg), defaultFollowUpInterval);
                if (toDuration(interval).compareTo(toDuration(shortest)) < 0) {
                    shortest = interval;
                }
            }
        }
        return shortest;
    }

    public Date referralDueDate() {
        return dueIn(referralAcceptanceDue);
    }

    public Date followUpDueDate() {
        return dueIn(followUpReminderAfter);
    }

    /** Hungarian label of a package for forms and mails. */
    public String packageLabel(String pkg) {
        return ServicePackage.fromCode(pkg).label();
    }

    private static Date dueIn(String duration) {
        return new Date(System.currentTimeMillis() + toDuration(duration).toMillis());
    }

    static Duration toDuration(String iso) {
        if (iso.contains("T")) {
            return Duration.parse(iso);
        }
        Period period = Period.parse(iso);
        return Duration.ofDays(period.toTotalMonths() * 30 + period.getDays());
    }
}
