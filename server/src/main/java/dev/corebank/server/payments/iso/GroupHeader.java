package dev.corebank.server.payments.iso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * ISO 20022 GrpHdr: the message's own id and who sends it to whom. A resend keeps {@code MsgId} and sets
 * {@code CpyDplct} to {@code DUPL}.
 *
 * @param messageId      MsgId, at most 35 characters, unique per sender
 * @param createdAt      CreDtTm
 * @param instructingAgent InstgAgt: the sender's participant code (BICFI)
 * @param instructedAgent  InstdAgt: the receiver's participant code, or the network's
 * @param copyDuplicate  CpyDplct: {@code DUPL} on a resend, else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupHeader(
        @JsonProperty("MsgId") String messageId,
        @JsonProperty("CreDtTm") Instant createdAt,
        @JsonProperty("InstgAgt") Agent instructingAgent,
        @JsonProperty("InstdAgt") Agent instructedAgent,
        @JsonProperty("CpyDplct") String copyDuplicate) {

    public static final int ID_LENGTH_MAX = 35;
    public static final String DUPLICATE = "DUPL";

    public GroupHeader {
        Iso.requireId(messageId, "MsgId");
        Objects.requireNonNull(createdAt, "CreDtTm");
        Objects.requireNonNull(instructingAgent, "InstgAgt");
        Objects.requireNonNull(instructedAgent, "InstdAgt");
        if (copyDuplicate != null && !DUPLICATE.equals(copyDuplicate)) {
            throw new IllegalArgumentException("CpyDplct must be DUPL or absent CpyDplct=" + copyDuplicate);
        }
    }

    public static GroupHeader of(String messageId, Instant createdAt, String from, String to) {
        return new GroupHeader(messageId, createdAt, new Agent(from), new Agent(to), null);
    }

    GroupHeader asDuplicate() {
        return new GroupHeader(messageId, createdAt, instructingAgent, instructedAgent, DUPLICATE);
    }

    /** Whether this is a resend of a message that may have been delivered. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean duplicate() {
        return DUPLICATE.equals(copyDuplicate);
    }
}
