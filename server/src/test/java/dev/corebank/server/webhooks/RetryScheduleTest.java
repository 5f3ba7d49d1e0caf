package dev.corebank.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule defaults = new RetrySchedule(Duration.parse("PT" + WebhookProperties.RETRY_DELAY_FIRST_DEFAULT),
            Duration.ofHours(12), WebhookProperties.ATTEMPTS_MAX_DEFAULT, WebhookProperties.JITTER_DEFAULT);

    @Test
    void shouldSpreadTheDefaultAttemptsOverAboutThreeDays() {
        List<Duration> pauses = defaults.nominalPauses();

        assertThat(pauses).hasSize(18);
        assertThat(pauses.getFirst()).isEqualTo(Duration.ofSeconds(5));
        assertThat(pauses.get(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(pauses.get(13)).isEqualTo(Duration.ofSeconds(5L << 13));
        assertThat(pauses.subList(14, 18)).containsOnly(Duration.ofHours(12));
        Duration total = pauses.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(70), Duration.ofHours(71));
    }

    @Test
    void shouldKeepEveryJitteredPauseWithinItsBoundsAndNeverPastTheLongest() {
        Random random = new Random(7);
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < defaults.attemptsMax(); attempt++) {
            Duration pause = defaults.pauseAfter(attempt, null, random);
            long nominal = defaults.nominalMillis(attempt);
            assertThat(pause.toMillis()).isBetween(Math.round(nominal * 0.8), Math.min(Math.round(nominal * 1.2),
                    Duration.ofHours(12).toMillis()));
            total = total.plus(pause);
        }
        assertThat(total).isLessThan(Duration.ofHours(12 * 4 + 28));
    }

    @Test
    void shouldHaveNoPauseAfterTheLastAttempt() {
        assertThat(defaults.pauseAfter(WebhookProperties.ATTEMPTS_MAX_DEFAULT, null, new Random(1))).isNull();
    }

    @Test
    void shouldLengthenAPauseForRetryAfterButNotPastTheLongest() {
        assertThat(defaults.pauseAfter(1, Duration.ofMinutes(2), new Random(1))).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.pauseAfter(1, Duration.ofDays(3), new Random(1))).isEqualTo(Duration.ofHours(12));
        assertThat(defaults.pauseAfter(1, Duration.ofMillis(1), new Random(1)).toMillis()).isBetween(4_000L, 6_000L);
    }

    @Test
    void shouldReadRetryAfterInSecondsOrAsAnHttpDate() {
        assertThat(WebhookSender.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(WebhookSender.retryAfter("soon")).isNull();
        assertThat(WebhookSender.retryAfter(null)).isNull();
    }
}
