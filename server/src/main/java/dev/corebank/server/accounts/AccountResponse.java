package dev.corebank.server.accounts;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Ledgers;
import dev.corebank.server.commands.EngineTime;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as the API shows it. Every amount is an integer in minor units of the ledger's currency. */
@Schema(description = "An account and its balances, in minor units.")
record AccountResponse(
        @Schema(example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b") UUID id,
        @Schema(description = "ISO 4217 currency code.", example = "USD") String ledger,
        @Schema(example = "LIABILITY") AccountType type,
        @Schema(example = "2001") int code,
        @Schema(example = "[\"DEBITS_MUST_NOT_EXCEED_CREDITS\"]") List<String> flags,
        @Schema(example = "2500") long debitsPending,
        @Schema(example = "10000") long debitsPosted,
        @Schema(example = "0") long creditsPending,
        @Schema(example = "150000") long creditsPosted,
        @Schema(description = "Posted balance on the account's normal side (credits minus debits for a liability).",
                example = "140000") long balance,
        @Schema(description = "Balance minus pending holds that would reduce it.", example = "137500")
        long availableBalance,
        @Schema(description = "When the engine opened the account.", example = "2026-01-05T09:30:00.123456Z")
        Instant createdAt,
        @Schema(example = "Aung Aung savings", nullable = true) String name,
        @Schema(example = "C-1001", nullable = true) String customerId,
        @Schema(description = "The product the account opened against, if any.", example = "savings-standard",
                nullable = true) String product,
        @Schema(description = "The product version the account keeps.", example = "1", nullable = true)
        Integer productVersion,
        @Schema(description = "The arranged overdraft limit the ledger enforces, in minor units; 0 for none.",
                example = "0") long overdraftLimitMinor) {

    static AccountResponse of(AccountDetails details) {
        return of(details, null);
    }

    static AccountResponse of(AccountDetails details, dev.corebank.server.products.ProductDefinition product) {
        Account account = details.account();
        return new AccountResponse(account.id(), Ledgers.alphabeticCode(account.ledger()), account.type(),
                account.code(), AccountFlags.names(account.flags()), account.debitsPending(), account.debitsPosted(),
                account.creditsPending(), account.creditsPosted(), account.balance(), account.availableBalance(),
                EngineTime.instant(account.timestamp()), details.name(), details.customerId(),
                product == null ? null : product.id(), product == null ? null : product.version(),
                details.overdraftLimitMinor());
    }
}
