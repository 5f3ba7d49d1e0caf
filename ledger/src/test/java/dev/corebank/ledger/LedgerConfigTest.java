package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerConfigTest {
    private static final int USD = Ledgers.numericCode("USD");

    @TempDir
    Path data;

    @Test
    void refusesAPreallocationLargerThanTheTransferLimit() {
        LedgerConfig config = LedgerConfig.defaults(data).withLimits(1000, 1000).withTransfersPreallocated(1001);
        assertThatThrownBy(config::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transfersPreallocated=1001").hasMessageContaining("transfersMax=1000");
    }

    @Test
    void goesThroughTheLocalFileSystemUnlessGivenAnotherStorage() {
        LedgerConfig config = LedgerConfig.defaults(data).withLimits(10, 100).withClock(EngineClock.SYSTEM);
        assertThat(config.storage()).isSameAs(FileStorage.INSTANCE).isSameAs(LedgerConfig.STORAGE_DEFAULT);
        Storage other = new MemoryStorage();
        assertThat(config.withStorage(other).storage()).isSameAs(other);
        assertThat(config.withStorage(other).withDurability(Durability.NONE).storage()).isSameAs(other);
    }

    @Test
    void capsTheDefaultPreallocationAtTheTransferLimit() {
        LedgerConfig small = LedgerConfig.defaults(data).withLimits(10, 100);
        assertThat(small.transfersPreallocated()).isEqualTo(100);
        small.validate();
        LedgerConfig defaults = LedgerConfig.defaults(data);
        assertThat(defaults.transfersPreallocated()).isEqualTo(LedgerConfig.TRANSFERS_PREALLOCATED_DEFAULT);
    }

    @Test
    void growsPastThePreallocationAndReplaysTheSameState() throws Exception {
        LedgerConfig config = LedgerConfig.defaults(data).withDurability(Durability.NONE).withTransfersPreallocated(16);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String hash;
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            engine.createAccounts(List.of(Account.open(first, USD, AccountType.ASSET, 1, 0),
                    Account.open(second, USD, AccountType.ASSET, 1, 0)), TraceId.NONE).get();
            List<Transfer> transfers = new ArrayList<>();
            for (int index = 0; index < 1000; index++) {
                transfers.add(Transfer.of(UUID.randomUUID(), index % 2 == 0 ? first : second,
                        index % 2 == 0 ? second : first, index + 1, USD, 1));
            }
            assertThat(engine.createTransfers(transfers, TraceId.NONE).get().allOk()).isTrue();
            assertThat(engine.lookupTransfers(List.of(transfers.get(999).id())).get()).hasSize(1);
            hash = engine.stateHash().get();
            engine.closeWithoutSnapshot();
        }
        try (LedgerEngine engine = LedgerEngine.open(config)) {
            assertThat(engine.stateHash().get()).isEqualTo(hash);
        }
    }
}
