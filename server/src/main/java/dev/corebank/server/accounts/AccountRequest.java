package dev.corebank.server.accounts;

import dev.corebank.ledger.AccountFlags;
import dev.corebank.ledger.AccountType;
import dev.corebank.server.products.ProductDefinition;
import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The JSON body that opens an account. */
@Schema(description = "An account to open.")
record AccountRequest(
        @Schema(description = "The account id; generated when absent. Sending the same id again is an idempotent"
                + " repeat.", example = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", nullable = true)
        UUID id,
        @Schema(description = "ISO 4217 currency code of the account's ledger.", example = "USD",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String ledger,
        @Schema(description = "Accounting class; decides the normal side of the balance.", example = "LIABILITY",
                allowableValues = {"ASSET", "LIABILITY", "EQUITY", "INCOME", "EXPENSE"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
        @Schema(description = "Product or general-ledger code chosen by the bank.", example = "2001",
                minimum = "0", requiredMode = Schema.RequiredMode.REQUIRED)
        Integer code,
        @ArraySchema(schema = @Schema(allowableValues = {"DEBITS_MUST_NOT_EXCEED_CREDITS",
                "CREDITS_MUST_NOT_EXCEED_DEBITS", "FROZEN"}),
                arraySchema = @Schema(description = "Balance rules and state.",
                        example = "[\"DEBITS_MUST_NOT_EXCEED_CREDITS\"]"))
        List<String> flags,
        @Schema(description = "Name shown on statements; not ledger data.", example = "Aung Aung savings",
                maxLength = NAME_LENGTH_MAX, nullable = true)
        String name,
        @Schema(description = "The customer the account belongs to; not ledger data.", example = "C-1001",
                maxLength = CUSTOMER_ID_LENGTH_MAX, nullable = true)
        String customerId,
        @Schema(description = "A product to open against, such as savings-standard: it gives the code (type"
                + " LIABILITY, DEBITS_MUST_NOT_EXCEED_CREDITS), and the account keeps the product's current version.",
                example = "savings-standard", nullable = true)
        String product,
        @Schema(description = "For a current account product with an overdraft: the arranged limit in minor units,"
                + " at most the product's limitMaxMinor; the product's default when absent.", example = "50000",
                nullable = true)
        Long overdraftLimitMinor) {

    static final int NAME_LENGTH_MAX = 200;
    static final int CUSTOMER_ID_LENGTH_MAX = 64;

    /** Validates the fields; {@code prefix} locates the item in a batch, for example {@code [3].}. */
    OpenAccount toCommand(String prefix) {
        return toCommand(prefix, productId -> null);
    }

    /**
     * Validates the fields against the product, when one is named; {@code products} finds a product's latest
     * version (null when there is none).
     */
    OpenAccount toCommand(String prefix, java.util.function.Function<String, ProductDefinition> products) {
        if (product != null) {
            return toProductCommand(prefix, products.apply(product));
        }
        if (overdraftLimitMinor != null) {
            throw Fields.invalid(prefix + "overdraftLimitMinor", "needs a product with an overdraft");
        }
        UUID accountId = id == null ? UUID.randomUUID() : Fields.nonZeroId(id, prefix + "id");
        int numericLedger = Fields.ledger(ledger, prefix + "ledger");
        AccountType accountType = type(prefix + "type");
        int accountCode = Fields.nonNegative(code, prefix + "code");
        int accountFlags = Fields.flags(flags, AccountFlags::parse, prefix + "flags");
        if (name != null && name.length() > NAME_LENGTH_MAX) {
            throw Fields.invalid(prefix + "name", "is longer than " + NAME_LENGTH_MAX + " characters");
        }
        if (customerId != null && customerId.length() > CUSTOMER_ID_LENGTH_MAX) {
            throw Fields.invalid(prefix + "customerId", "is longer than " + CUSTOMER_ID_LENGTH_MAX + " characters");
        }
        return new OpenAccount(accountId, numericLedger, accountType, accountCode, accountFlags, name, customerId);
    }

    private OpenAccount toProductCommand(String prefix, ProductDefinition found) {
        if (found == null) {
            throw Fields.invalid(prefix + "product", "names no product product="
                    + product.substring(0, Math.min(product.length(), ProductDefinition.ID_LENGTH_MAX)));
        }
        UUID accountId = id == null ? UUID.randomUUID() : Fields.nonZeroId(id, prefix + "id");
        int numericLedger = Fields.ledger(ledger, prefix + "ledger");
        if (type != null && !"LIABILITY".equals(type)) {
            throw Fields.invalid(prefix + "type", "a product account is a LIABILITY");
        }
        if (code != null && code.intValue() != found.code()) {
            throw Fields.invalid(prefix + "code", "the product's code is " + found.code());
        }
        int accountFlags = Fields.flags(flags, AccountFlags::parse, prefix + "flags")
                | AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
        long limit = 0;
        if (overdraftLimitMinor != null || found.overdraft() != null) {
            if (found.overdraft() == null) {
                throw Fields.invalid(prefix + "overdraftLimitMinor", "the product has no overdraft");
            }
            limit = overdraftLimitMinor == null ? found.overdraft().defaultLimitMinor() : overdraftLimitMinor;
            if (limit < 0 || limit > found.overdraft().limitMaxMinor()) {
                throw Fields.invalid(prefix + "overdraftLimitMinor", "must be from 0 to the product's "
                        + found.overdraft().limitMaxMinor());
            }
        }
        if (name != null && name.length() > NAME_LENGTH_MAX) {
            throw Fields.invalid(prefix + "name", "is longer than " + NAME_LENGTH_MAX + " characters");
        }
        if (customerId != null && customerId.length() > CUSTOMER_ID_LENGTH_MAX) {
            throw Fields.invalid(prefix + "customerId", "is longer than " + CUSTOMER_ID_LENGTH_MAX + " characters");
        }
        return new OpenAccount(accountId, numericLedger, AccountType.LIABILITY, found.code(), accountFlags, name,
                customerId, limit);
    }

    private AccountType type(String field) {
        Fields.required(type, field);
        try {
            return AccountType.valueOf(type);
        } catch (IllegalArgumentException unknown) {
            throw Fields.invalid(field, "must be one of ASSET, LIABILITY, EQUITY, INCOME, EXPENSE type="
                    + type.substring(0, Math.min(type.length(), 16)).toUpperCase(Locale.ROOT));
        }
    }
}
