package dev.corebank.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two banks and the network simulator as three processes on the real RabbitMQ, payments both ways through drops,
 * duplicates and reordering, and bank B killed with SIGKILL and restarted mid-run ({@link TwoBanks} has the checks).
 */
class TwoBanksPaymentsTest {
    @TempDir
    Path work;

    @Test
    void paymentsBothWaysThroughFaultsAndAKillAreAllFinalAndConserveMoney() throws Exception {
        TwoBanks.Verdict verdict = TwoBanks.run(new TwoBanks.Options(20261203L, 150, 0.05, 0.15, 0.15, true, 6, 5,
                TwoBanks.RABBITMQ_DEFAULT, work, System.out::println));
        System.out.println(verdict.line());
        assertThat(verdict.failures()).as(verdict.line()).isEmpty();
        assertThat(verdict.line()).startsWith("PASS 150 payments").contains("settled=", "bank B killed");
        assertThat(verdict.faults()).as("the network injected faults").isPositive();
    }
}
