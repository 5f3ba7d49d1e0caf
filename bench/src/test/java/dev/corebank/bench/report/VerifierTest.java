package dev.corebank.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.systems.Snapshot;
import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import dev.corebank.bench.workload.Workload;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final int ACCOUNTS = 50;
    private static final long OPENING = 1_000_000;
    private final TransferStream stream = TransferStream.of(new BenchAccounts(1, ACCOUNTS, OPENING),
            Workload.UNIFORM);

    @Test
    void passesWhenTheBalancesAreExactlyTheAcceptedTransfers() {
        Outcomes outcomes = outcomes(100, 7);
        // Indices 0, 7, ..., 98 are rejected: 15 of 100.
        Verdict verdict = Verifier.verify(opening(0), applied(outcomes, 85), outcomes, stream);
        assertThat(verdict.passed()).as(verdict.summary()).isTrue();
        assertThat(verdict.checks()).extracting(Check::name).containsExactly("sum of balances unchanged",
                "balances match accepted transfers", "stored transfers equal accepted", "no request failed");
    }

    @Test
    void failsWhenAnAcceptedTransferIsMissingFromTheBalances() {
        Outcomes outcomes = outcomes(100, 0);
        Snapshot after = applied(outcomes, 100);
        outcomes.set(100, Outcomes.ACCEPTED);
        Verdict verdict = Verifier.verify(opening(0), after, outcomes, stream);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("balances match accepted transfers").contains("stored transfers");
    }

    @Test
    void failsWhenMoneyAppearsFromNowhere() {
        Outcomes outcomes = outcomes(10, 0);
        Snapshot after = applied(outcomes, 10);
        after.balancesMinor()[3] += 1;
        Verdict verdict = Verifier.verify(opening(0), after, outcomes, stream);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("sum of balances unchanged (before=50000000 after=50000001)");
    }

    @Test
    void failsWhenARequestFailedBecauseItsOutcomeIsUnknown() {
        Outcomes outcomes = outcomes(10, 0);
        Snapshot after = applied(outcomes, 10);
        outcomes.set(10, Outcomes.FAILED);
        Verdict verdict = Verifier.verify(opening(0), after, outcomes, stream);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("no request failed (failed=1)");
    }

    @Test
    void skipsTheStoredCountWhenTheSystemCannotTell() {
        Outcomes outcomes = outcomes(20, 2);
        Snapshot after = new Snapshot(applied(outcomes, 0).balancesMinor(), Snapshot.UNKNOWN);
        Verdict verdict = Verifier.verify(opening(Snapshot.UNKNOWN), after, outcomes, stream);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.checks()).extracting(Check::name).doesNotContain("stored transfers equal accepted");
    }

    /** The first {@code sent} transfers sent, every {@code rejectEvery}-th one rejected (0: none). */
    private static Outcomes outcomes(int sent, int rejectEvery) {
        Outcomes outcomes = new Outcomes(1_000);
        for (int index = 0; index < sent; index++) {
            boolean rejected = rejectEvery > 0 && index % rejectEvery == 0;
            outcomes.set(index, rejected ? Outcomes.REJECTED : Outcomes.ACCEPTED);
        }
        return outcomes;
    }

    private static Snapshot opening(long stored) {
        long[] balances = new long[ACCOUNTS];
        java.util.Arrays.fill(balances, OPENING);
        return new Snapshot(balances, stored);
    }

    /** What a correct system would report after applying the accepted transfers. */
    private Snapshot applied(Outcomes outcomes, long stored) {
        long[] balances = opening(0).balancesMinor();
        for (int index = 0; index < outcomes.capacity(); index++) {
            if (outcomes.get(index) == Outcomes.ACCEPTED) {
                balances[stream.debit(index)] -= stream.amountMinor(index);
                balances[stream.credit(index)] += stream.amountMinor(index);
            }
        }
        return new Snapshot(balances, stored);
    }
}
