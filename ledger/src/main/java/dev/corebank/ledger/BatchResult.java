package dev.corebank.ledger;

/**
 * The results of one submitted batch, one per item in submission order.
 *
 * <p>{@code timestamps[i]} is the engine timestamp of the item when it was applied, or of the original when the result
 * is {@code EXISTS}; it is zero for other rejections. {@code position} is the sequence number of the journal entry that
 * holds the batch (or, for a batch that changed nothing, the latest entry before it): a reader that has applied this
 * position sees the batch.
 */
public record BatchResult(ResultCode[] codes, long[] timestamps, long position) {

    public int size() {
        return codes.length;
    }

    public ResultCode code(int index) {
        return codes[index];
    }

    public long timestamp(int index) {
        return timestamps[index];
    }

    public boolean allOk() {
        for (ResultCode code : codes) {
            if (code != ResultCode.OK) {
                return false;
            }
        }
        return true;
    }
}
