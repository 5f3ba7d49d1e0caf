package dev.corebank.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferStreamTest {
    private static final int ACCOUNTS = 1_000;
    private static final BenchAccounts BANK = new BenchAccounts(42, ACCOUNTS, 1_000_000);

    @Test
    void givesEverySystemTheSameTransfersForTheSameSeed() {
        for (Workload workload : Workload.values()) {
            TransferStream first = TransferStream.of(new BenchAccounts(42, ACCOUNTS, 1_000_000), workload, 3);
            TransferStream second = TransferStream.of(new BenchAccounts(42, ACCOUNTS, 1_000_000), workload, 3);
            // Read the second in reverse order: a worker may take any index, and the answer must not change.
            for (long index = 9_999; index >= 0; index--) {
                assertThat(second.id(index)).isEqualTo(first.id(index));
                assertThat(second.debit(index)).isEqualTo(first.debit(index));
                assertThat(second.credit(index)).isEqualTo(first.credit(index));
                assertThat(second.amountMinor(index)).isEqualTo(first.amountMinor(index));
            }
        }
    }

    @Test
    void givesNewTransferIdsForAnotherSeedRoundOrWorkload() {
        TransferStream base = TransferStream.of(BANK, Workload.UNIFORM, 0);
        TransferStream otherRound = TransferStream.of(BANK, Workload.UNIFORM, 1);
        TransferStream otherWorkload = TransferStream.of(BANK, Workload.ZIPF, 0);
        TransferStream otherSeed = TransferStream.of(new BenchAccounts(43, ACCOUNTS, 1_000_000), Workload.UNIFORM, 0);
        Set<UUID> ids = new HashSet<>();
        for (long index = 0; index < 10_000; index++) {
            ids.add(base.id(index));
            ids.add(otherRound.id(index));
            ids.add(otherWorkload.id(index));
            ids.add(otherSeed.id(index));
        }
        assertThat(ids).hasSize(40_000);
    }

    @Test
    void keepsAccountsAndAmountsButChangesIdsInAnotherIdNamespace() {
        TransferStream first = TransferStream.of(BANK, Workload.ZIPF, 2, 0);
        TransferStream second = TransferStream.of(BANK, Workload.ZIPF, 2, 1);
        for (long index = 0; index < 10_000; index++) {
            assertThat(second.debit(index)).isEqualTo(first.debit(index));
            assertThat(second.credit(index)).isEqualTo(first.credit(index));
            assertThat(second.amountMinor(index)).isEqualTo(first.amountMinor(index));
            assertThat(second.id(index)).isNotEqualTo(first.id(index));
        }
    }

    @Test
    void neverDebitsAndCreditsTheSameAccount() {
        for (Workload workload : Workload.values()) {
            TransferStream stream = TransferStream.of(BANK, workload);
            for (long index = 0; index < 50_000; index++) {
                int debit = stream.debit(index);
                int credit = stream.credit(index);
                assertThat(credit).isNotEqualTo(debit).isBetween(0, ACCOUNTS - 1);
                assertThat(debit).isBetween(0, ACCOUNTS - 1);
            }
        }
    }

    @Test
    void debitsTheHotAccountEveryTimeInTheHotAccountWorkload() {
        TransferStream stream = TransferStream.of(BANK, Workload.HOT_ACCOUNT);
        Set<Integer> credits = new HashSet<>();
        for (long index = 0; index < 20_000; index++) {
            assertThat(stream.debit(index)).isEqualTo(BenchAccounts.HOT_ACCOUNT_INDEX);
            credits.add(stream.credit(index));
        }
        assertThat(credits).hasSize(ACCOUNTS - 1);
    }

    @Test
    void spreadsUniformTransfersEvenlyOverAccounts() {
        TransferStream stream = TransferStream.of(BANK, Workload.UNIFORM);
        int draws = 1_000_000;
        int[] debits = new int[ACCOUNTS];
        for (long index = 0; index < draws; index++) {
            debits[stream.debit(index)]++;
        }
        double expected = (double) draws / ACCOUNTS;
        for (int count : debits) {
            assertThat((double) count).isCloseTo(expected, within(6 * Math.sqrt(expected)));
        }
    }

    @Test
    void skewsZipfTransfersTowardsTheFirstRanks() {
        TransferStream stream = TransferStream.of(BANK, Workload.ZIPF);
        ZipfSampler zipf = new ZipfSampler(ACCOUNTS, TransferStream.ZIPF_EXPONENT_DEFAULT);
        int draws = 200_000;
        int topDebits = 0;
        for (long index = 0; index < draws; index++) {
            if (stream.debit(index) == 0) {
                topDebits++;
            }
        }
        double expected = zipf.probability(0) * draws;
        assertThat((double) topDebits).isCloseTo(expected, within(5 * Math.sqrt(expected)));
    }

    @Test
    void keepsAmountsWithinTheirBounds() {
        TransferStream stream = TransferStream.of(BANK, Workload.UNIFORM);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long index = 0; index < 100_000; index++) {
            long amount = stream.amountMinor(index);
            min = Math.min(min, amount);
            max = Math.max(max, amount);
        }
        assertThat(min).isEqualTo(1);
        assertThat(max).isEqualTo(TransferStream.AMOUNT_MINOR_MAX);
    }

    @Test
    void givesAccountsDistinctVersionFourIds() {
        Set<UUID> ids = new HashSet<>();
        for (int index = 0; index < ACCOUNTS; index++) {
            UUID id = BANK.id(index);
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id);
        }
        ids.add(BANK.cashAccountId());
        assertThat(ids).hasSize(ACCOUNTS + 1);
        assertThat(BANK.indexById()).hasSize(ACCOUNTS).containsEntry(BANK.id(17), 17);
    }
}
