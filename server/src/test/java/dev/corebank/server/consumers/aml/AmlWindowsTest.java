package dev.corebank.server.consumers.aml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules on their own, with a threshold of 1,000.00 (100000 minor units), velocity more than 3 postings in 60 s,
 * structuring 3 amounts of 900.00 to 1,000.00 in 600 s. Each test is one row of what the rules promise.
 */
class AmlWindowsTest {
    static final AmlProperties RULES = new AmlProperties(100_000, 3, 60, 3, 10, 600, List.of("structuring"), 2);
    static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    final AmlWindows windows = new AmlWindows(RULES);

    @Test
    void firesAmountOverThresholdForEveryPostingAboveItAndNotAtIt() {
        assertThat(windows.record(ACCOUNT, 0, 100_000)).doesNotContain(AmlRule.AMOUNT_OVER_THRESHOLD);
        assertThat(windows.record(ACCOUNT, 100_000, 100_001)).containsExactly(AmlRule.AMOUNT_OVER_THRESHOLD);
        assertThat(windows.record(ACCOUNT, 200_000, 500_000)).containsExactly(AmlRule.AMOUNT_OVER_THRESHOLD);
    }

    @Test
    void firesVelocityOnThePostingThatExceedsTheCountWithinTheWindowAndThenStaysQuietForAWindow() {
        for (int posting = 0; posting < 3; posting++) {
            assertThat(windows.record(ACCOUNT, posting * 1_000L, 10)).isEmpty();
        }
        assertThat(windows.record(ACCOUNT, 3_000, 10)).containsExactly(AmlRule.VELOCITY);
        assertThat(windows.record(ACCOUNT, 4_000, 10)).as("one alert per burst").isEmpty();
        assertThat(windows.record(ACCOUNT, 70_000, 10)).as("the window moved on").isEmpty();
        assertThat(windows.record(ACCOUNT, 70_500, 10)).isEmpty();
        assertThat(windows.record(ACCOUNT, 70_800, 10)).as("3 postings in the window").isEmpty();
        assertThat(windows.record(ACCOUNT, 71_000, 10)).as("a new burst a window after the alert")
                .containsExactly(AmlRule.VELOCITY);
    }

    @Test
    void doesNotFireVelocityForPostingsSpreadWiderThanTheWindow() {
        for (int posting = 0; posting < 10; posting++) {
            assertThat(windows.record(ACCOUNT, posting * 30_000L, 10)).isEmpty();
        }
    }

    @Test
    void firesStructuringOnTheThirdAmountJustUnderTheThresholdWithinTheWindow() {
        assertThat(windows.record(ACCOUNT, 0, 95_000)).isEmpty();
        assertThat(windows.record(ACCOUNT, 60_001, 89_999)).as("below the margin").isEmpty();
        assertThat(windows.record(ACCOUNT, 120_002, 90_000)).isEmpty();
        assertThat(windows.record(ACCOUNT, 180_003, 99_999)).containsExactly(AmlRule.STRUCTURING);
        assertThat(windows.record(ACCOUNT, 240_004, 99_999)).as("one alert per window").isEmpty();
    }

    @Test
    void doesNotFireStructuringWhenTheAmountsAreFurtherApartThanTheWindow() {
        assertThat(windows.record(ACCOUNT, 0, 95_000)).isEmpty();
        assertThat(windows.record(ACCOUNT, 400_000, 95_000)).isEmpty();
        assertThat(windows.record(ACCOUNT, 800_000, 95_000)).isEmpty();
    }

    @Test
    void keepsEachAccountApartAndForgetsTheLeastRecentlySeenBeyondTheBound() {
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        windows.record(ACCOUNT, 0, 95_000);
        windows.record(ACCOUNT, 61_000, 95_000);
        windows.record(second, 62_000, 95_000);
        windows.record(third, 63_000, 95_000);
        assertThat(windows.accountsTracked()).isEqualTo(2);
        assertThat(windows.record(ACCOUNT, 120_000, 95_000)).as("the first account was forgotten").isEmpty();
    }

    @Test
    void refusesRulesThatCannotWork() {
        assertThatThrownBy(() -> new AmlProperties(0, 3, 60, 3, 10, 600, List.of(), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thresholdMinor=0");
        assertThatThrownBy(() -> new AmlProperties(100, 3, 60, 3, 100, 600, List.of(), 10))
                .hasMessageContaining("structuringMarginPercent");
        assertThatThrownBy(() -> new AmlProperties(100, 3, 60, 3, 10, 600, List.of("sanctions"), 10))
                .hasMessageContaining("unknown AML rule rule=sanctions");
    }
}
