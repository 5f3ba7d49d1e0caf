package dev.corebank.server.history;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A statement of posted movements for {@code from} to {@code to}, both included. The opening balance is at the start
 * of {@code from}, the closing balance at the end of {@code to} (or now, for a period not yet over); both and the
 * totals cover the whole period on every page, while {@code lines} is one page of it. Balances are on the account's
 * normal side (credits minus debits for a liability), integers in minor units.
 */
@Schema(description = "A statement: opening balance, posted lines with the running balance, closing balance.")
record Statement(
        UUID accountId,
        @Schema(example = "LIABILITY") String type,
        @Schema(description = "ISO 4217 currency code.", example = "USD") String ledger,
        @Schema(description = "First day, UTC, included.", example = "2026-01-01") String from,
        @Schema(description = "Last day, UTC, included.", example = "2026-01-31") String to,
        @Schema(description = "The posted balance at the start of from.", example = "100000") long openingBalance,
        @Schema(description = "Minor units debited in the period.", example = "2500") long totalDebits,
        @Schema(description = "Minor units credited in the period.", example = "42500") long totalCredits,
        @Schema(description = "The posted balance at the end of to.", example = "140000") long closingBalance,
        List<StatementLine> lines,
        @Schema(description = "Pass as cursor for the next lines of the same period; null on the last page.",
                nullable = true) String nextCursor) {
}
