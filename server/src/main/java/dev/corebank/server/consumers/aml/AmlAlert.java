package dev.corebank.server.consumers.aml;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An alert of the AML monitor, journaled as a fact of kind {@code AML_ALERT_RAISED} (its body is this record as JSON).
 * Its id is derived from the rule, the account and the event that fired it, so the same event always gives the same
 * alert id; the freeze it may cause carries that id as its request id and idempotency key.
 */
public record AmlAlert(UUID alertId, String rule, UUID accountId, String eventId, long sequence, UUID transferId,
                       long amountMinor, int ledger, String eventTime, boolean freeze) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static UUID alertIdOf(AmlRule rule, UUID accountId, String eventId) {
        return UUID.nameUUIDFromBytes(("aml\n" + rule.wireName() + "\n" + accountId + "\n" + eventId)
                .getBytes(StandardCharsets.UTF_8));
    }

    public byte[] json() {
        ObjectNode body = JSON.createObjectNode();
        body.put("alertId", alertId.toString());
        body.put("rule", rule);
        body.put("accountId", accountId.toString());
        body.put("eventId", eventId);
        body.put("sequence", sequence);
        body.put("transferId", transferId == null ? null : transferId.toString());
        body.put("amount", amountMinor);
        body.put("ledger", ledger);
        body.put("eventTime", eventTime);
        body.put("freeze", freeze);
        return JSON.writeValueAsBytes(body);
    }

    public static AmlAlert fromJson(byte[] json) {
        JsonNode body = JSON.readTree(json);
        JsonNode transfer = body.get("transferId");
        return new AmlAlert(UUID.fromString(body.get("alertId").asString()), body.get("rule").asString(),
                UUID.fromString(body.get("accountId").asString()), body.get("eventId").asString(),
                body.get("sequence").asLong(), transfer == null || transfer.isNull() ? null
                : UUID.fromString(transfer.asString()), body.get("amount").asLong(), body.get("ledger").asInt(),
                body.get("eventTime").asString(), body.get("freeze").asBoolean());
    }
}
