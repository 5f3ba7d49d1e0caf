package dev.corebank.ledger;

/**
 * What start-up found and did: the snapshot it loaded (sequence 0 for none), the entries it replayed after it, the
 * torn bytes it cut from the journal's tail, and the state hash it ended with.
 */
public record RecoveryReport(long snapshotSequence, long entriesReplayed, long lastSequence, long bytesTruncated,
                             String stateHashHex, long recoveryMillis) {
}
