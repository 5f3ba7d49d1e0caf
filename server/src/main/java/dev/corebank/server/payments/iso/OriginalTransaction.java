package dev.corebank.server.payments.iso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * pacs.028 and pacs.004 TxInf: a transaction referred to by its original ids. A pacs.004 also carries its own
 * return id, the amount returned and the reason.
 *
 * @param returnId           RtrId, pacs.004 only
 * @param originalEndToEndId OrgnlEndToEndId
 * @param originalTxId       OrgnlTxId
 * @param originalUetr       OrgnlUETR
 * @param returnedAmount     RtrdIntrBkSttlmAmt, pacs.004 only
 * @param returnReason       RtrRsnInf/Rsn/Cd flattened, pacs.004 only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OriginalTransaction(
        @JsonProperty("RtrId") String returnId,
        @JsonProperty("OrgnlEndToEndId") String originalEndToEndId,
        @JsonProperty("OrgnlTxId") String originalTxId,
        @JsonProperty("OrgnlUETR") String originalUetr,
        @JsonProperty("RtrdIntrBkSttlmAmt") CreditTransfer.Amount returnedAmount,
        @JsonProperty("RtrRsnInf") String returnReason) {

    public OriginalTransaction {
        Iso.requireUetr(originalUetr);
    }

    /** The transaction a pacs.028 asks about. */
    public static OriginalTransaction of(String endToEndId, String txId, String uetr) {
        return new OriginalTransaction(null, endToEndId, txId, uetr, null, null);
    }
}
