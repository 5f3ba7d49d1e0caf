package dev.corebank.server.payments.iso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * pacs.008 CdtTrfTxInf, one transaction. Accounts are corebank account ids in {@code Id/Othr/Id}, flattened to
 * {@code Id}; names are optional.
 *
 * @param paymentId       PmtId: InstrId, EndToEndId, TxId and UETR
 * @param amount          IntrBkSttlmAmt: currency and decimal amount
 * @param acceptedAt      AccptncDtTm: when the debtor's bank accepted the payment; every scheme deadline counts
 *                        from it, and a resend keeps it
 * @param debtor          Dbtr/Nm
 * @param debtorAccount   DbtrAcct
 * @param debtorAgent     DbtrAgt: the debtor's bank
 * @param creditorAgent   CdtrAgt: the creditor's bank
 * @param creditor        Cdtr/Nm
 * @param creditorAccount CdtrAcct
 * @param remittance      RmtInf/Ustrd: at most 140 characters, may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditTransfer(
        @JsonProperty("PmtId") PaymentIdentification paymentId,
        @JsonProperty("IntrBkSttlmAmt") Amount amount,
        @JsonProperty("AccptncDtTm") Instant acceptedAt,
        @JsonProperty("Dbtr") Party debtor,
        @JsonProperty("DbtrAcct") AccountRef debtorAccount,
        @JsonProperty("DbtrAgt") Agent debtorAgent,
        @JsonProperty("CdtrAgt") Agent creditorAgent,
        @JsonProperty("Cdtr") Party creditor,
        @JsonProperty("CdtrAcct") AccountRef creditorAccount,
        @JsonProperty("RmtInf") Remittance remittance) {

    public CreditTransfer {
        Objects.requireNonNull(paymentId, "PmtId");
        Objects.requireNonNull(amount, "IntrBkSttlmAmt");
        Objects.requireNonNull(acceptedAt, "AccptncDtTm");
        Objects.requireNonNull(debtorAccount, "DbtrAcct");
        Objects.requireNonNull(debtorAgent, "DbtrAgt");
        Objects.requireNonNull(creditorAgent, "CdtrAgt");
        Objects.requireNonNull(creditorAccount, "CdtrAcct");
    }

    /** ISO 20022 PmtId. */
    public record PaymentIdentification(
            @JsonProperty("InstrId") String instructionId,
            @JsonProperty("EndToEndId") String endToEndId,
            @JsonProperty("TxId") String transactionId,
            @JsonProperty("UETR") String uetr) {
        public PaymentIdentification {
            Iso.requireId(instructionId, "InstrId");
            Iso.requireId(endToEndId, "EndToEndId");
            Iso.requireId(transactionId, "TxId");
            Iso.requireUetr(uetr);
        }
    }

    /** ISO 20022 ActiveCurrencyAndAmount: {@code {"Ccy":"EUR","Amt":"12.50"}}. */
    public record Amount(@JsonProperty("Ccy") String currency, @JsonProperty("Amt") java.math.BigDecimal value) {
        public Amount {
            Objects.requireNonNull(currency, "Ccy");
            Objects.requireNonNull(value, "Amt");
            if (value.signum() <= 0) {
                throw new IllegalArgumentException("Amt must be positive Amt=" + value);
            }
        }
    }

    /** A party's name ({@code Nm}). */
    public record Party(@JsonProperty("Nm") String name) {
    }

    /** An account, by corebank account id ({@code Id/Othr/Id} flattened). */
    public record AccountRef(@JsonProperty("Id") String id) {
        public AccountRef {
            Objects.requireNonNull(id, "Id");
        }
    }

    /** Unstructured remittance information. */
    public record Remittance(@JsonProperty("Ustrd") String unstructured) {
    }
}
