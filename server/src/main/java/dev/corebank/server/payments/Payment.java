package dev.corebank.server.payments;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One payment, outgoing or incoming, as the reactor {@code payments} derived it from the journal.
 *
 * @param id              outgoing: the client's payment id; incoming: derived from the UETR
 * @param holdId          outgoing: the hold on the debtor account; incoming: the held credit to the beneficiary
 * @param ledger          the ISO 4217 numeric code of the currency
 * @param traceId         the trace the payment's messages carry: the request's, or the incoming pacs.008's
 * @param requestDigest   outgoing: a digest of the request, so a repeat with other content is told apart
 * @param acceptedAt      AccptncDtTm: when the debtor's bank accepted it, epoch milliseconds
 * @param businessDate    the business date it counts against for daily limits (outgoing)
 * @param statusRequests  pacs.028 sent so far
 * @param createdPosition the journal position that created it
 */
record Payment(UUID id, Direction direction, String uetr, String endToEndId, PaymentState state, String reason,
               UUID holdId, int ledger, long amountMinor, String debtorAgent, String debtorAccount, String debtorName,
               String creditorAgent, String creditorAccount, String creditorName, String remittance,
               String ownerKeyId, String traceId, String requestDigest, long acceptedAt, LocalDate businessDate, int statusRequests,
               long createdPosition, long updatedAt, Long finalAt) {

    enum Direction { OUTGOING, INCOMING }

    Payment withState(PaymentState next, String nextReason) {
        return new Payment(id, direction, uetr, endToEndId, next, nextReason, holdId, ledger, amountMinor,
                debtorAgent, debtorAccount, debtorName, creditorAgent, creditorAccount, creditorName, remittance,
                ownerKeyId, traceId, requestDigest, acceptedAt, businessDate, statusRequests, createdPosition, updatedAt,
                finalAt);
    }

    String currency() {
        return dev.corebank.ledger.Ledgers.alphabeticCode(ledger);
    }

    /** The bank on the other side of this payment. */
    String counterpartyAgent() {
        return direction == Direction.OUTGOING ? creditorAgent : debtorAgent;
    }
}
