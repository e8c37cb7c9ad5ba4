package hu.miskolc.fourim.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchmarkModeTest {

    private static final long GB = 1_000_000_000L;

    @Test
    void sizesCanBeChangedAndUnknownOnesAreRefused() {
        Benchmark.Mode mode = Benchmark.Mode.of("full:historic=200000,levers=0,kpi=10000/100000");
        assertThat(mode.historicTotal()).isEqualTo(200_000);
        assertThat(mode.leverParticipants()).isZero();
        assertThat(mode.kpiScales()).containsExactly(10_000, 100_000);
        assertThatThrownBy(() -> Benchmark.Mode.of("full:histroic=200000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histroic=200000");
    }

    @Test
    void aRunThatWouldFillTheDiskIsRefusedBeforeItBuildsAnything() {
        // the full mode's million historic instances: ≈ 71 GB, ours' database alone (it is dropped before stock builds
        // its own); a full run with them filled 65 GB on 2026-12-02 while ours' database was still being built
        Benchmark.Mode full = Benchmark.Mode.of("full");
        assertThat(full.diskBytes()).isBetween(66 * GB, 78 * GB);
        assertThatThrownBy(() -> full.checkDisk(65 * GB, Path.of("target", "benchmark-work")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs about " + full.diskBytes() / GB + " GB")
                .hasMessageContaining("65 GB are free")
                .hasMessageContaining("historic=770000 in -Dbenchmark.mode");
        // what it suggests fits
        assertThatCode(() -> Benchmark.Mode.of("full:historic=770000").checkDisk(65 * GB, Path.of("target")))
                .doesNotThrowAnyException();
        // when the historic instances alone cannot make it fit
        assertThatThrownBy(() -> full.checkDisk(12 * GB, Path.of("target")))
                .hasMessageContaining("12 GB are free").hasMessageContaining("a smaller city");
        assertThatCode(() -> full.checkDisk(80 * GB, Path.of("target"))).doesNotThrowAnyException();
        // the runs in BENCHMARKS.md (200,000 historic instances) took ≈ 38 GB with both databases and fit
        Benchmark.Mode documented = Benchmark.Mode.of("full:journey=600,workers=8,import=10000,"
                + "kpi=10000/100000/1000000,historic=200000,running=100000,levers=200");
        assertThat(documented.diskBytes()).isBetween(20 * GB, 40 * GB);
        assertThatCode(() -> documented.checkDisk(65 * GB, Path.of("target"))).doesNotThrowAnyException();
        // CI's quick mode needs little
        assertThat(Benchmark.Mode.of("quick").diskBytes()).isLessThan(2 * GB);
    }
}
