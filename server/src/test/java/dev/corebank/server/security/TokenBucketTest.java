package dev.corebank.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void letsABurstThroughThenRefusesUntilRefilled() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);

        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        long wait = bucket.tryTake(0);

        assertThat(wait).isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(SECOND / 2 - 1)).isEqualTo(1);
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);

        long later = 3600 * SECOND;
        assertThat(bucket.tryTake(later)).isZero();
        assertThat(bucket.tryTake(later)).isZero();
        assertThat(bucket.tryTake(later)).isPositive();
    }

    @Test
    void clockGoingBackwardsAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);

        assertThat(bucket.tryTake(10 * SECOND)).isZero();
        assertThat(bucket.tryTake(5 * SECOND)).isPositive();
    }

    @Test
    void refusesAZeroRate() {
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
