package dev.corebank.server.projection;

import java.util.UUID;

/**
 * One row of {@code balance_history}: a posted movement on one account and the account's posted totals after it.
 * Exactly one of the two amounts is positive.
 */
record HistoryRow(
        UUID accountId,
        long engineTimestamp,
        long journalSequence,
        UUID transferId,
        long debitAmountMinor,
        long creditAmountMinor,
        long debitsPostedAfter,
        long creditsPostedAfter) {
}
