package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The roll-up levels read for a period cover each of its days exactly once and no other day. */
class KpiRollupPeriodsTest {

    private static final LocalDate FIRST = LocalDate.parse("2021-01-01");
    private static final LocalDate LAST = LocalDate.parse("2027-12-31");

    @Test
    void wholeYearsMonthsAndDaysCoverThePeriodExactlyOnce() {
        List<LocalDate> dates = new ArrayList<>();
        dates.add(null);
        for (String edge : new String[] {"2022-01-01", "2022-01-02", "2022-12-31", "2023-01-01", "2023-01-31",
                "2023-02-01", "2023-02-28", "2023-03-01", "2024-02-29", "2024-03-31", "2024-12-01", "2025-06-15"}) {
            dates.add(LocalDate.parse(edge));
        }
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            dates.add(FIRST.plusDays(365 + random.nextInt(4 * 365)));
        }
        for (LocalDate from : dates) {
            for (LocalDate to : dates) {
                if (from != null && to != null && from.isAfter(to)) {
                    continue;
                }
                List<KpiRollup.Period> periods = KpiRollup.periods(from, to);
                assertThat(periods).as(from + ".." + to).hasSizeLessThanOrEqualTo(5);
                Map<LocalDate, Integer> covered = new HashMap<>();
                for (KpiRollup.Period period : periods) {
                    for (LocalDate start = FIRST.minusYears(1); start.isBefore(LAST.plusYears(1));
                            start = start.plusDays(1)) {
                        boolean isStart = switch (period.level()) {
                            case 'y' -> start.getDayOfYear() == 1;
                            case 'm' -> start.getDayOfMonth() == 1;
                            default -> true;
                        };
                        if (!isStart || (period.from() != null && start.isBefore(period.from()))
                                || (period.until() != null && !start.isBefore(period.until()))) {
                            continue;
                        }
                        LocalDate end = switch (period.level()) {
                            case 'y' -> start.plusYears(1);
                            case 'm' -> start.plusMonths(1);
                            default -> start.plusDays(1);
                        };
                        for (LocalDate day = start; day.isBefore(end); day = day.plusDays(1)) {
                            covered.merge(day, 1, Integer::sum);
                        }
                    }
                }
                for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
                    boolean inside = (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
                    assertThat(covered.getOrDefault(day, 0)).as(from + ".." + to + ": " + day).isEqualTo(inside ? 1 : 0);
                }
            }
        }
    }
}
