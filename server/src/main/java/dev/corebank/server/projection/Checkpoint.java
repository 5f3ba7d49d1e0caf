package dev.corebank.server.projection;

/**
 * Where the read model stands in the journal: the last entry applied and that entry's engine timestamp. The timestamp
 * lets a restart prove that the journal it reads is the one the read model was built from.
 */
record Checkpoint(long sequence, long entryTimestamp) {
    static final Checkpoint START = new Checkpoint(0, 0);

    Checkpoint {
        if (sequence < 0) {
            throw new IllegalArgumentException("a checkpoint sequence is never negative sequence=" + sequence);
        }
    }
}
