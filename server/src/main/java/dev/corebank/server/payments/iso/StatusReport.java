package dev.corebank.server.payments.iso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * pacs.002 TxInfAndSts: the status of one transaction, by its original ids.
 *
 * @param originalEndToEndId OrgnlEndToEndId
 * @param originalTxId       OrgnlTxId
 * @param originalUetr       OrgnlUETR
 * @param status             TxSts: ACSC (settled, final), RJCT (rejected, final; with a reason), PDNG (in process)
 * @param reason             StsRsnInf/Rsn/Cd, flattened: an ExternalStatusReason1Code such as AC01; RJCT only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusReport(
        @JsonProperty("OrgnlEndToEndId") String originalEndToEndId,
        @JsonProperty("OrgnlTxId") String originalTxId,
        @JsonProperty("OrgnlUETR") String originalUetr,
        @JsonProperty("TxSts") String status,
        @JsonProperty("StsRsnInf") String reason) {

    public static final String SETTLED = "ACSC";
    public static final String REJECTED = "RJCT";
    public static final String PENDING = "PDNG";

    public StatusReport {
        Iso.requireUetr(originalUetr);
        Objects.requireNonNull(status, "TxSts");
        switch (status) {
            case SETTLED, PENDING -> {
                if (reason != null) {
                    throw new IllegalArgumentException("only RJCT carries a reason TxSts=" + status);
                }
            }
            case REJECTED -> ReasonCode.require(reason);
            default -> throw new IllegalArgumentException("unknown TxSts=" + status + "; known: ACSC, RJCT, PDNG");
        }
    }

    /** ACSC or RJCT: nothing will change it. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFinal() {
        return !PENDING.equals(status);
    }
}
