package dev.corebank.server.accounts;

import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code PUT /v1/accounts/{id}/profile}: the account's name and customer, replacing both. */
record ProfileRequest(
        @Schema(description = "The name people see; null removes it.", example = "Aung Aung savings",
                maxLength = AccountRequest.NAME_LENGTH_MAX, nullable = true)
        String name,
        @Schema(description = "The customer the account belongs to; null for none.", example = "C-1001",
                maxLength = AccountRequest.CUSTOMER_ID_LENGTH_MAX, nullable = true)
        String customerId) {

    String checkedName() {
        if (name != null && name.length() > AccountRequest.NAME_LENGTH_MAX) {
            throw Fields.invalid("name", "is longer than " + AccountRequest.NAME_LENGTH_MAX + " characters");
        }
        return name;
    }

    String checkedCustomerId() {
        if (customerId != null && customerId.length() > AccountRequest.CUSTOMER_ID_LENGTH_MAX) {
            throw Fields.invalid("customerId", "is longer than " + AccountRequest.CUSTOMER_ID_LENGTH_MAX
                    + " characters");
        }
        return customerId;
    }
}
