package dev.corebank.server.payments.iso;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A financial institution by its participant code, ISO 20022's {@code FinInstnId/BICFI} flattened to {@code BICFI}.
 * Codes are BIC-like: 8 or 11 characters, letters and digits, upper case (see {@link Iso#requireBankCode}).
 */
public record Agent(@JsonProperty("BICFI") String bic) {
    public Agent {
        Iso.requireBankCode(bic, "BICFI");
    }
}
