package dev.corebank.server.ledger;

import dev.corebank.ledger.Durability;
import dev.corebank.ledger.LedgerConfig;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine's settings, under {@code corebank} (for example {@code corebank.transfers-preallocated}). Every limit has a named default in {@link LedgerConfig}.
 *
 * @param dataDirectory where the journal, snapshots and the embedded read-model database live
 */
@ConfigurationProperties("corebank")
public record LedgerProperties(
        @DefaultValue("./data") Path dataDirectory,
        @DefaultValue("FSYNC") Durability durability,
        @DefaultValue("" + LedgerConfig.QUEUE_DEPTH_MAX_DEFAULT) int queueDepthMax,
        @DefaultValue("" + LedgerConfig.ACCOUNTS_MAX_DEFAULT) int accountsMax,
        @DefaultValue("" + LedgerConfig.TRANSFERS_MAX_DEFAULT) int transfersMax,
        @DefaultValue("" + LedgerConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT) long snapshotEveryEntries,
        @DefaultValue("" + LedgerConfig.TRANSFERS_PREALLOCATED_DEFAULT) int transfersPreallocated) {

    LedgerConfig toConfig() {
        LedgerConfig defaults = LedgerConfig.defaults(dataDirectory);
        return new LedgerConfig(dataDirectory, durability, defaults.batchSizeMax(), queueDepthMax,
                defaults.writeBatchBytesMax(), defaults.writeBatchesInFlight(), defaults.segmentBytesMax(),
                accountsMax, transfersMax, defaults.expiryBatchMax(), defaults.idlePollMillis(),
                snapshotEveryEntries, defaults.clock(), Math.min(transfersPreallocated, transfersMax));
    }
}
