package dev.corebank.server.history;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** A page of an account's transfers, newest first. */
@Schema(description = "A page of an account's transfers, newest first.")
record TransferPage(
        UUID accountId,
        List<AccountTransfer> transfers,
        @Schema(description = "Pass as cursor to get the next page; null on the last page.", nullable = true)
        String nextCursor) {
}
