package dev.corebank.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
    private static final int RANKS = 10_000;

    @Test
    void probabilitiesFallAsOneOverRankToTheExponent() {
        ZipfSampler zipf = new ZipfSampler(RANKS, 1.0);
        assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(2.0, within(1e-9));
        assertThat(zipf.probability(0) / zipf.probability(9)).isCloseTo(10.0, within(1e-9));
        double harmonic = 0;
        for (int rank = 1; rank <= RANKS; rank++) {
            harmonic += 1.0 / rank;
        }
        assertThat(zipf.probability(0)).isCloseTo(1 / harmonic, within(1e-12));
    }

    @Test
    void probabilitiesSumToOne() {
        ZipfSampler zipf = new ZipfSampler(RANKS, 1.2);
        double sum = 0;
        for (int rank = 0; rank < RANKS; rank++) {
            sum += zipf.probability(rank);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void drawsFollowTheDistribution() {
        ZipfSampler zipf = new ZipfSampler(RANKS, 1.0);
        SplittableRandom random = new SplittableRandom(7);
        int draws = 400_000;
        int[] counts = new int[RANKS];
        for (int draw = 0; draw < draws; draw++) {
            counts[zipf.sample(random.nextDouble())]++;
        }
        for (int rank : new int[] {0, 1, 2, 9, 99}) {
            double expected = zipf.probability(rank) * draws;
            // Five standard deviations of a binomial count: a correct sampler fails this about never.
            double tolerance = 5 * Math.sqrt(expected);
            assertThat((double) counts[rank]).as("rank %d", rank).isCloseTo(expected, within(tolerance));
        }
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[9]);
    }

    @Test
    void mapsTheEdgesOfTheUnitIntervalToTheFirstAndLastRank() {
        ZipfSampler zipf = new ZipfSampler(RANKS, 1.0);
        assertThat(zipf.sample(0.0)).isZero();
        assertThat(zipf.sample(Math.nextDown(1.0))).isEqualTo(RANKS - 1);
    }

    @Test
    void rejectsDrawsOutsideTheUnitInterval() {
        ZipfSampler zipf = new ZipfSampler(10, 1.0);
        assertThatThrownBy(() -> zipf.sample(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uniform=1.0");
        assertThatThrownBy(() -> zipf.sample(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEmptyRangeOrABadExponent() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1.0)).hasMessageContaining("ranks=0");
        assertThatThrownBy(() -> new ZipfSampler(10, 0.0)).hasMessageContaining("exponent=0.0");
        assertThatThrownBy(() -> new ZipfSampler(10, Double.NaN)).hasMessageContaining("exponent=NaN");
    }
}
