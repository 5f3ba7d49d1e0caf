package dev.corebank.server.bus;

/**
 * Where one record stands in the journal's order: the event's journal sequence, its index in the entry and, because a
 * Kafka event goes out once per account it touches, which copy of the event it is. Records of one partition are
 * written in this order, so the last record of a partition says exactly what the partition already holds.
 *
 * @param copy 0 for the record keyed by the event's first ordering key (the debit account), 1 for the second
 */
record PublishedPosition(long sequence, int index, int copy) implements Comparable<PublishedPosition> {
    /** Before every record: a partition that holds nothing of ours. */
    static final PublishedPosition NONE = new PublishedPosition(0, 0, 0);

    PublishedPosition {
        if (sequence < 0 || index < 0 || copy < 0) {
            throw new IllegalArgumentException("a published position is never negative sequence=" + sequence
                    + " index=" + index + " copy=" + copy);
        }
    }

    @Override
    public int compareTo(PublishedPosition other) {
        int bySequence = Long.compare(sequence, other.sequence);
        if (bySequence != 0) {
            return bySequence;
        }
        int byIndex = Integer.compare(index, other.index);
        return byIndex != 0 ? byIndex : Integer.compare(copy, other.copy);
    }

    boolean isAfter(PublishedPosition other) {
        return compareTo(other) > 0;
    }
}
