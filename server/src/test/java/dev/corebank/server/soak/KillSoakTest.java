package dev.corebank.server.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 soak, short: the real server under load, killed twice with SIGKILL and started again, with every check
 * of {@link KillSoak} after each start that reached ready. The long runs are {@code ./corebank soak --kills N}
 * (docs/RELIABILITY.md); this one keeps the mechanism working, in plain JVM starts to spare the suite the training of
 * an AOT cache.
 */
class KillSoakTest {
    @TempDir
    Path work;

    @Test
    void survivesTwoKillsUnderLoadWithEveryAcknowledgedTransferRecoveredOnceAndTheTrailsComplete() throws Exception {
        KillSoak.Result result = KillSoak.run(new SoakOptions(2, 20261203L, 4, SoakOptions.RATE_PER_SECOND_DEFAULT,
                "off", work, System.out::println));
        System.out.println(result.summary());

        assertThat(result.failure()).as(result.summary()).isNull();
        assertThat(result.passed()).isTrue();
        assertThat(result.kills()).isEqualTo(2);
        assertThat(result.restarts()).as("a start after each kill reached ready and was checked").isPositive();
        assertThat(result.acknowledged()).as("transfers acknowledged under load").isGreaterThan(16);
        assertThat(result.transfersChecked()).as("acknowledged transfers looked up again").isPositive();
        assertThat(result.auditEntriesChecked()).as("journal entries held against the audit trail").isPositive();
        assertThat(result.verifications()).as("the server's own verification, at set-up and after each start")
                .isGreaterThanOrEqualTo(2);
        assertThat(result.summary()).contains("VERDICT: PASS");
    }
}
