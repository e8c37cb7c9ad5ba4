package hu.miskolc.fourim.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The median over hourly histograms is percentile_cont(0.5) of the hours, in days. */
class KpiRollupMedianTest {

    @Test
    void theMiddleHourOrTheMeanOfTheTwoMiddleHours() {
        assertThat(KpiRollup.median(List.of(histogram(240, 1)))).isEqualTo(10.0);
        // two pieces of one key, as from a year row and a delta
        assertThat(KpiRollup.median(List.of(histogram(96, 1), histogram(480, 1)))).isEqualTo(12.0);
        assertThat(KpiRollup.median(List.of(histogram(24, 2, 48, 1), histogram(72, 1)))).isEqualTo(1.5);
        assertThat(KpiRollup.median(List.of(histogram(24, 1, 48, 1, 72, 1)))).isEqualTo(2.0);
    }

    @Test
    void negativeDeltasCancelAndNegativeHoursSortFirst() {
        // a referral counted in the roll-up and taken back by a delta
        assertThat(KpiRollup.median(List.of(histogram(24, 1, 240, 1), histogram(240, -1)))).isEqualTo(1.0);
        assertThat(KpiRollup.median(List.of(histogram(240, 1), histogram(240, -1)))).isNull();
        assertThat(KpiRollup.median(List.of(histogram(-12, 1, 12, 1)))).isEqualTo(0.0);
        assertThat(KpiRollup.median(List.of())).isNull();
    }

    /** Pairs of hour bucket and count, packed as the roll-up reader packs them. */
    private static long[] histogram(int... pairs) {
        long[] packed = new long[pairs.length / 2];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = ((long) pairs[2 * i] << 32) | (pairs[2 * i + 1] & 0xFFFFFFFFL);
        }
        return packed;
    }
}
