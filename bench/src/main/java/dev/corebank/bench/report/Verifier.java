package dev.corebank.bench.report;

import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.systems.Snapshot;
import dev.corebank.bench.workload.TransferStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a run against what the system reports afterwards. From the outcome of every transfer sent, it works out the
 * balance every account must have, and then compares with the balances read back from the system:
 * <ol>
 *   <li>the sum of all balances is unchanged (transfers only move money between the accounts);</li>
 *   <li>every balance equals its balance before plus the accepted transfers that touched it, so exactly the accepted
 *       transfers were applied, each once;</li>
 *   <li>where the system can count them, the transfers it stores equal the accepted count;</li>
 *   <li>no request failed, since a failed request leaves its outcome unknown.</li>
 * </ol>
 */
public final class Verifier {
    private Verifier() {
    }

    public static Verdict verify(Snapshot before, Snapshot after, Outcomes outcomes, TransferStream stream) {
        int accounts = before.balancesMinor().length;
        if (after.balancesMinor().length != accounts) {
            return Verdict.failed("snapshots differ in size before=" + accounts + " after="
                    + after.balancesMinor().length);
        }
        long[] expected = before.balancesMinor().clone();
        long accepted = 0;
        long failed = 0;
        for (long index = 0; index < outcomes.capacity(); index++) {
            byte outcome = outcomes.get(index);
            if (outcome == Outcomes.ACCEPTED) {
                long amount = stream.amountMinor(index);
                expected[stream.debit(index)] -= amount;
                expected[stream.credit(index)] += amount;
                accepted++;
            } else if (outcome == Outcomes.FAILED) {
                failed++;
            }
        }
        List<Check> checks = new ArrayList<>(4);
        long sumBefore = before.balanceSum();
        long sumAfter = after.balanceSum();
        checks.add(new Check("sum of balances unchanged", sumBefore == sumAfter,
                "before=" + sumBefore + " after=" + sumAfter));
        checks.add(balancesCheck(expected, after.balancesMinor()));
        if (before.transfersStored() != Snapshot.UNKNOWN && after.transfersStored() != Snapshot.UNKNOWN) {
            long stored = after.transfersStored() - before.transfersStored();
            checks.add(new Check("stored transfers equal accepted", stored == accepted,
                    "accepted=" + accepted + " stored=" + stored));
        }
        checks.add(new Check("no request failed", failed == 0, "failed=" + failed));
        return Verdict.of(checks);
    }

    private static Check balancesCheck(long[] expected, long[] actual) {
        int mismatches = 0;
        int firstMismatch = -1;
        for (int account = 0; account < expected.length; account++) {
            if (expected[account] != actual[account]) {
                mismatches++;
                if (firstMismatch < 0) {
                    firstMismatch = account;
                }
            }
        }
        String detail = mismatches == 0 ? "accounts=" + expected.length
                : "mismatches=" + mismatches + " firstAccount=" + firstMismatch + " expected="
                        + expected[firstMismatch] + " actual=" + actual[firstMismatch];
        return new Check("balances match accepted transfers", mismatches == 0, detail);
    }
}
