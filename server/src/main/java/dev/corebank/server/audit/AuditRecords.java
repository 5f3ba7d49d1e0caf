package dev.corebank.server.audit;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.commands.EngineTime;
import dev.corebank.server.commands.FactKinds;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The audit record a journal entry stands for: one per entry written for a request (or for work corebank did on its
 * own), none for the entries the engine writes by itself (expiry of holds). A pure function of the entry, so replaying
 * the journal rebuilds the same trail.
 */
final class AuditRecords {
    static final String OUTCOME_OK = "ok";

    private AuditRecords() {
    }

    static Optional<AuditRecord> of(JournalEntry entry, int subjectIdsMax) {
        Provenance provenance = entry.provenance();
        if (!provenance.hasApiKey() && provenance.role().isEmpty()) {
            return Optional.empty();
        }
        RequestFact request = requestFact(entry);
        String endpoint = provenance.endpoint();
        int space = endpoint.indexOf(' ');
        boolean http = space > 0 && endpoint.startsWith("/", space + 1);
        return Optional.of(new AuditRecord(idOf(entry.sequence()), EngineTime.instant(entry.timestamp()),
                emptyToNull(provenance.apiKeyId()), emptyToNull(provenance.role()),
                http ? endpoint.substring(0, space) : "", http ? endpoint.substring(space + 1) : endpoint, endpoint,
                subjects(entry, request, subjectIdsMax), provenance.clientAddress(),
                request == null ? null : request.status(), request == null ? outcome(entry) : request.outcome(),
                provenance.traceId().isNone() ? null : provenance.traceId().toHex(),
                emptyToNull(provenance.requestId()), emptyToNull(provenance.idempotencyKey()), entry.sequence(),
                entry.hashHex()));
    }

    /** The record of an entry has an id derived from its sequence, so writing it twice is impossible to miss. */
    static UUID idOf(long sequence) {
        return UUID.nameUUIDFromBytes(("audit:" + sequence).getBytes(StandardCharsets.US_ASCII));
    }

    private static RequestFact requestFact(JournalEntry entry) {
        for (LedgerEvent event : entry.events()) {
            if (event instanceof LedgerEvent.FactRecorded recorded
                    && recorded.fact().kind() == FactKinds.REQUEST_RECORDED) {
                return RequestFact.of(recorded.fact());
            }
        }
        return null;
    }

    /** {@code ok}, or the result code of the first refused item. */
    private static String outcome(JournalEntry entry) {
        for (LedgerEvent event : entry.events()) {
            ResultCode refused = switch (event) {
                case LedgerEvent.TransferRejected rejected -> rejected.result();
                case LedgerEvent.AccountRejected rejected -> rejected.result();
                case LedgerEvent.AccountChangeRejected rejected -> rejected.result();
                case LedgerEvent.ProfileChangeRejected rejected -> rejected.result();
                case LedgerEvent.BusinessDateChangeRejected rejected -> rejected.result();
                case LedgerEvent.OverdraftLimitRejected rejected -> rejected.result();
                default -> null;
            };
            if (refused != null) {
                return refused.wireName();
            }
        }
        return OUTCOME_OK;
    }

    private static List<UUID> subjects(JournalEntry entry, RequestFact request, int subjectIdsMax) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (request != null) {
            ids.addAll(request.subjectIds());
        }
        for (LedgerEvent event : entry.events()) {
            if (ids.size() >= subjectIdsMax) {
                break;
            }
            switch (event) {
                case LedgerEvent.AccountOpened opened -> ids.add(opened.account().id());
                case LedgerEvent.AccountRejected rejected -> ids.add(rejected.attempted().id());
                case LedgerEvent.AccountFlagsChanged changed -> ids.add(changed.accountId());
                case LedgerEvent.AccountChangeRejected rejected -> ids.add(rejected.accountId());
                case LedgerEvent.ProfileChanged changed -> ids.add(changed.accountId());
                case LedgerEvent.ProfileChangeRejected rejected -> ids.add(rejected.accountId());
                case LedgerEvent.TransferPosted posted -> addTransfer(ids, posted.transfer());
                case LedgerEvent.TransferPending pending -> addTransfer(ids, pending.transfer());
                case LedgerEvent.PendingPosted posted -> addTransfer(ids, posted.transfer());
                case LedgerEvent.PendingVoided voided -> addTransfer(ids, voided.transfer());
                case LedgerEvent.TransferRejected rejected -> addTransfer(ids, rejected.attempted());
                case LedgerEvent.PendingExpired expired -> ids.add(expired.pendingId());
                case LedgerEvent.OverdraftLimitChanged changed -> ids.add(changed.accountId());
                case LedgerEvent.OverdraftLimitRejected rejected -> ids.add(rejected.accountId());
                case LedgerEvent.FactRecorded recorded -> {
                }
                case LedgerEvent.BusinessDateChanged changed -> {
                }
                case LedgerEvent.BusinessDateChangeRejected rejected -> {
                }
            }
        }
        return ids.stream().limit(subjectIdsMax).toList();
    }

    private static void addTransfer(Set<UUID> ids, Transfer transfer) {
        ids.add(transfer.id());
        addIfKnown(ids, transfer.debitAccountId());
        addIfKnown(ids, transfer.creditAccountId());
        addIfKnown(ids, transfer.pendingId());
    }

    private static void addIfKnown(Set<UUID> ids, UUID id) {
        if (id != null && (id.getMostSignificantBits() != 0 || id.getLeastSignificantBits() != 0)) {
            ids.add(id);
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
