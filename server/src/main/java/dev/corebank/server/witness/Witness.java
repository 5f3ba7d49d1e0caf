package dev.corebank.server.witness;

import java.util.List;
import java.util.Map;

/**
 * The witness of a transfer, request or trace: every journal entry it led to, each with the request that caused it
 * (who, from where, when, through which endpoint, with which Idempotency-Key), the entry itself (sequence, time, hash,
 * previous hash), its events, the audit record derived from it, every reactor with whether it has processed it, and
 * every webhook delivery attempt of its events.
 *
 * @param journalPosition the latest durable entry when the witness was taken
 */
record Witness(Map<String, String> query, long journalPosition, List<EntryWitness> entries) {

    /** One journal entry and everything that is known of it. */
    record EntryWitness(long sequence, String timestamp, int formatVersion, String hash, String previousHash,
                        RequestWitness request, List<Map<String, Object>> events, AuditWitness audit,
                        List<ReactorWitness> reactors, List<WebhookAttemptWitness> webhookAttempts) {
    }

    /** Who asked for the entry, as its provenance records it; empty fields are left out. */
    record RequestWitness(String apiKeyId, String role, String clientAddress, String requestId, String traceId,
                          String idempotencyKey, String endpoint, String at) {
    }

    /** The audit trail's record of the entry: how the request was answered. */
    record AuditWitness(Integer status, String outcome, String recordId) {
    }

    /**
     * One attempt to deliver one of the entry's events to a webhook subscription, from the delivery log; the
     * delivery's state is where it stands now (pending, delivered, dead, cancelled).
     */
    record WebhookAttemptWitness(String subscriptionId, String eventId, String deliveryState, int attempt, String at,
                                 Integer status, long latencyMillis, String outcome, String error) {
    }

    /**
     * A reactor's own record of the entry: whether its checkpoint has passed it, where it stands, and what the
     * reactor itself recorded of it (see {@link ReactorRecords}; null when it records nothing).
     */
    record ReactorWitness(String name, boolean processed, long position, String state, Object record) {
    }
}
