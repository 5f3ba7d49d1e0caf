package dev.corebank.server.soak;

import java.util.List;
import java.util.UUID;

/**
 * A transfer as an answer showed it, reduced to the fields the soak compares: the acknowledgement, the engine's
 * {@code GET /v1/transfers/{id}} and the read model's history all give these.
 *
 * @param pendingStatus PENDING, POSTED or VOIDED for a hold, null otherwise; null when the view does not say
 */
record TransferView(UUID id, UUID debitAccountId, UUID creditAccountId, long amount, List<String> flags,
                    UUID pendingId, String reference, long timestamp, String pendingStatus) {

    /** The same transfer, leaving the hold's status out (it changes when the hold is posted or voided). */
    boolean sameTransferAs(TransferView other) {
        return id.equals(other.id) && debitAccountId.equals(other.debitAccountId)
                && creditAccountId.equals(other.creditAccountId) && amount == other.amount
                && flags.equals(other.flags) && java.util.Objects.equals(pendingId, other.pendingId)
                && java.util.Objects.equals(reference, other.reference) && timestamp == other.timestamp;
    }
}
