package dev.corebank.server.payments.iso;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One interbank message on the payment network, modelled on ISO 20022 with one transaction per message. The field
 * names are ISO 20022's XML tags, so someone who knows pacs.008 reads it at sight; docs/payments.md maps each field
 * and shows a sample of every type. Exactly one of the transaction blocks is set, by {@link #type}:
 *
 * <pre>
 * MsgDefIdr         block        ISO name
 * pacs.008.001.08   CdtTrfTxInf  FIToFICustomerCreditTransfer: the payment itself
 * pacs.002.001.10   TxInfAndSts  FIToFIPaymentStatusReport: ACSC settled, RJCT with a reason, PDNG in process
 * pacs.004.001.09   TxInf        PaymentReturn: money sent back after settlement
 * pacs.028.001.03   TxInf        FIToFIPaymentStatusRequest: "what became of this payment?"
 * </pre>
 *
 * @param type        the message definition identifier, one of the {@code PACS_*} constants
 * @param groupHeader who sends it to whom, its id and creation time
 * @param transfer    pacs.008 only
 * @param status      pacs.002 only
 * @param original    pacs.004 and pacs.028: the transaction asked about or returned
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PacsMessage(
        @JsonProperty("MsgDefIdr") String type,
        @JsonProperty("GrpHdr") GroupHeader groupHeader,
        @JsonProperty("CdtTrfTxInf") CreditTransfer transfer,
        @JsonProperty("TxInfAndSts") StatusReport status,
        @JsonProperty("TxInf") OriginalTransaction original) {

    public static final String PACS_008 = "pacs.008.001.08";
    public static final String PACS_002 = "pacs.002.001.10";
    public static final String PACS_004 = "pacs.004.001.09";
    public static final String PACS_028 = "pacs.028.001.03";

    public PacsMessage {
        Objects.requireNonNull(type, "MsgDefIdr");
        Objects.requireNonNull(groupHeader, "GrpHdr");
        switch (type) {
            case PACS_008 -> require(transfer != null && status == null && original == null, type, "CdtTrfTxInf");
            case PACS_002 -> require(status != null && transfer == null && original == null, type, "TxInfAndSts");
            case PACS_004, PACS_028 -> require(original != null && transfer == null && status == null, type,
                    "TxInf");
            default -> throw new IllegalArgumentException("unknown message type MsgDefIdr=" + type);
        }
    }

    private static void require(boolean holds, String type, String block) {
        if (!holds) {
            throw new IllegalArgumentException("a " + type + " carries " + block + " and no other block");
        }
    }

    /** The UETR of the transaction the message is about: a payment's one id across every hop. */
    @JsonIgnore
    public String uetr() {
        return switch (type) {
            case PACS_008 -> transfer.paymentId().uetr();
            case PACS_002 -> status.originalUetr();
            default -> original.originalUetr();
        };
    }

    /** A pacs.008. */
    public static PacsMessage creditTransfer(GroupHeader header, CreditTransfer transfer) {
        return new PacsMessage(PACS_008, header, transfer, null, null);
    }

    /** A pacs.002. */
    public static PacsMessage statusReport(GroupHeader header, StatusReport status) {
        return new PacsMessage(PACS_002, header, null, status, null);
    }

    /** A pacs.028. */
    public static PacsMessage statusRequest(GroupHeader header, OriginalTransaction original) {
        return new PacsMessage(PACS_028, header, null, null, original);
    }

    /** A pacs.004. */
    public static PacsMessage paymentReturn(GroupHeader header, OriginalTransaction original) {
        return new PacsMessage(PACS_004, header, null, null, original);
    }

    /** The same message marked as a resend of one that may have been delivered ({@code CpyDplct=DUPL}). */
    public PacsMessage asDuplicate() {
        return new PacsMessage(type, groupHeader.asDuplicate(), transfer, status, original);
    }

    /** The same message with a new group header: the network forwarding it to the next agent. */
    public PacsMessage withGroupHeader(GroupHeader header) {
        return new PacsMessage(type, header, transfer, status, original);
    }
}
