package dev.corebank.ledger;

import java.util.List;

/**
 * The results of one submitted batch, one per item in submission order.
 *
 * <p>{@code timestamps[i]} is the engine timestamp of the item when it was applied, or of the original when the result
 * is {@code EXISTS}; it is zero for other rejections. {@code position} is the sequence number of the journal entry that
 * holds the batch (or, for a batch that changed nothing, the latest entry before it): a reader that has applied this
 * position sees the batch.
 *
 * <p>For a command submitted with {@code readBack}, {@code accounts} or {@code transfers} hold the stored items the
 * command named (accounts with their profiles), as they stood right after it, in the order asked, leaving out ids that
 * do not exist; otherwise both are empty.
 *
 * <p>{@code journaled} is true when the batch wrote an entry of its own at {@code position}; false when every item
 * was an idempotent repeat that changed nothing and so journaled nothing.
 */
public record BatchResult(ResultCode[] codes, long[] timestamps, long position, List<AccountWithProfile> accounts,
                          List<TransferState> transfers, boolean journaled) {

    public BatchResult(ResultCode[] codes, long[] timestamps, long position) {
        this(codes, timestamps, position, List.of(), List.of(), true);
    }

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
