package dev.corebank.server.witness;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerEvent;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.commands.EngineTime;
import dev.corebank.server.reactor.ReactorRuntime;
import dev.corebank.server.reactor.ReactorStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Answers "what happened to this transfer, request or trace" from the journal itself. The read models only say where
 * to look (the transfer's entry, the audit records naming an id, request or trace); when they have not caught up, the
 * latest {@link #JOURNAL_TAIL_ENTRIES_MAX} journal entries are searched as well, so a witness taken right after a
 * request finds it. Everything shown comes from the entries.
 */
@Service
final class WitnessService {
    /** How many of the latest entries are searched for what the read models do not know yet. */
    static final int JOURNAL_TAIL_ENTRIES_MAX = 10_000;
    /** Entries one witness shows at the most; an id named by more is cut there, oldest first. */
    static final int ENTRIES_MAX = 100;
    /** Webhook attempts one entry shows at the most, oldest first. */
    static final int WEBHOOK_ATTEMPTS_MAX = 1_000;

    private final LedgerEngine engine;
    private final ReactorRuntime reactors;
    private final JdbcTemplate jdbc;
    private final Map<String, ReactorRecords> records = new LinkedHashMap<>();

    WitnessService(LedgerEngine engine, ReactorRuntime reactors, JdbcTemplate jdbc,
                   ObjectProvider<ReactorRecords> records) {
        this.engine = engine;
        this.reactors = reactors;
        this.jdbc = jdbc;
        records.orderedStream().forEach(record -> this.records.put(record.reactor(), record));
    }

    Witness ofTransfer(UUID transferId) {
        TreeSet<Long> sequences = new TreeSet<>(jdbc.queryForList(
                "SELECT journal_sequence FROM transfers WHERE id = ?", Long.class, transferId));
        sequences.addAll(jdbc.queryForList("SELECT r.journal_sequence FROM audit_subject s JOIN audit_record r"
                + " ON r.id = s.record_id WHERE s.subject_id = ? AND r.journal_sequence IS NOT NULL", Long.class,
                transferId));
        return witness(Map.of("transferId", transferId.toString()), sequences,
                entry -> entry.events().stream().anyMatch(event -> names(event, transferId)));
    }

    Witness ofRequest(String requestId) {
        TreeSet<Long> sequences = new TreeSet<>(jdbc.queryForList("SELECT journal_sequence FROM audit_record"
                + " WHERE request_id = ? AND journal_sequence IS NOT NULL", Long.class, requestId));
        return witness(Map.of("requestId", requestId), sequences,
                entry -> entry.provenance().requestId().equals(requestId));
    }

    Witness ofTrace(String traceId) {
        TreeSet<Long> sequences = new TreeSet<>(jdbc.queryForList("SELECT journal_sequence FROM audit_record"
                + " WHERE trace_id = ? AND journal_sequence IS NOT NULL", Long.class, traceId));
        return witness(Map.of("traceId", traceId), sequences,
                entry -> !entry.traceId().isNone() && entry.traceId().toHex().equals(traceId));
    }

    private Witness witness(Map<String, String> query, TreeSet<Long> sequences,
                            java.util.function.Predicate<JournalEntry> matches) {
        long head = engine.committedPosition();
        List<JournalEntry> entries = new ArrayList<>();
        try (JournalReader reader = engine.openReader()) {
            long tailFrom = Math.max(1, head - JOURNAL_TAIL_ENTRIES_MAX + 1);
            long indexedTo = sequences.isEmpty() ? 0 : sequences.last();
            for (long from = Math.max(tailFrom, indexedTo + 1); from <= head; ) {
                List<JournalEntry> run = reader.read(from, JournalReader.READ_ENTRIES_MAX);
                if (run.isEmpty()) {
                    break;
                }
                run.stream().filter(matches).forEach(entry -> sequences.add(entry.sequence()));
                from = run.getLast().sequence() + 1;
            }
            for (long sequence : sequences) {
                if (entries.size() == ENTRIES_MAX) {
                    break;
                }
                reader.read(sequence, 1).stream().findFirst().ifPresent(entries::add);
            }
        }
        List<ReactorStatus> statuses = reactors.statuses();
        List<Witness.EntryWitness> witnessed = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            witnessed.add(entry(entry, statuses));
        }
        return new Witness(query, head, witnessed);
    }

    private Witness.EntryWitness entry(JournalEntry entry, List<ReactorStatus> statuses) {
        List<Witness.ReactorWitness> processed = new ArrayList<>(statuses.size());
        for (ReactorStatus status : statuses) {
            ReactorRecords own = records.get(status.name());
            processed.add(new Witness.ReactorWitness(status.name(), status.position() >= entry.sequence(),
                    status.position(), status.state().name(), own == null ? null : own.recordOf(entry)));
        }
        return new Witness.EntryWitness(entry.sequence(), EngineTime.instant(entry.timestamp()).toString(),
                entry.version(), entry.hashHex(), entry.previousHashHex(), request(entry), events(entry),
                audit(entry.sequence()).orElse(null), processed, webhookAttempts(entry.sequence()));
    }

    /** Every webhook attempt for the entry's events, oldest first, bounded like the entries. */
    private List<Witness.WebhookAttemptWitness> webhookAttempts(long sequence) {
        return jdbc.query("SELECT d.subscription_id, d.event_id, d.state, a.attempt, a.attempted_at, a.status,"
                + " a.latency_millis, a.outcome, a.error FROM webhook_deliveries d JOIN webhook_attempts a"
                + " ON a.delivery_id = d.id WHERE d.journal_sequence = ? ORDER BY a.id LIMIT ?",
                (row, index) -> new Witness.WebhookAttemptWitness(row.getString(1), row.getString(2),
                        row.getString(3), row.getInt(4), java.time.Instant.ofEpochMilli(row.getLong(5)).toString(),
                        (Integer) row.getObject(6, Integer.class), row.getLong(7), row.getString(8),
                        row.getString(9)), sequence, WEBHOOK_ATTEMPTS_MAX);
    }

    private static Witness.RequestWitness request(JournalEntry entry) {
        Provenance provenance = entry.provenance();
        return new Witness.RequestWitness(blankToNull(provenance.apiKeyId()), blankToNull(provenance.role()),
                blankToNull(provenance.clientAddress()), blankToNull(provenance.requestId()),
                provenance.traceId().isNone() ? null : provenance.traceId().toHex(),
                blankToNull(provenance.idempotencyKey()), blankToNull(provenance.endpoint()),
                EngineTime.instant(entry.timestamp()).toString());
    }

    private Optional<Witness.AuditWitness> audit(long sequence) {
        return jdbc.query("SELECT status, outcome, id FROM audit_record WHERE journal_sequence = ?",
                (row, index) -> new Witness.AuditWitness((Integer) row.getObject(1, Integer.class), row.getString(2),
                        row.getString(3)), sequence).stream().findFirst();
    }

    /** Each event as its type and its fields; a profile shows its size only, never its (encrypted) bytes. */
    private static List<Map<String, Object>> events(JournalEntry entry) {
        List<Map<String, Object>> events = new ArrayList<>(entry.events().size());
        for (LedgerEvent event : entry.events()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("type", event.getClass().getSimpleName());
            switch (event) {
                case LedgerEvent.AccountOpened opened -> {
                    shown.put("account", opened.account());
                    shown.put("profileBytes", opened.profile().length());
                }
                case LedgerEvent.ProfileChanged changed -> {
                    shown.put("accountId", changed.accountId());
                    shown.put("profileBytes", changed.profile().length());
                }
                case LedgerEvent.FactRecorded recorded -> {
                    shown.put("factKind", recorded.fact().kind());
                    shown.put("factBytes", recorded.fact().body().length);
                }
                default -> shown.put("event", event);
            }
            events.add(shown);
        }
        return events;
    }

    private static boolean names(LedgerEvent event, UUID id) {
        return switch (event) {
            case LedgerEvent.TransferPosted posted -> named(posted.transfer(), id);
            case LedgerEvent.TransferPending pending -> named(pending.transfer(), id);
            case LedgerEvent.PendingPosted posted -> named(posted.transfer(), id);
            case LedgerEvent.PendingVoided voided -> named(voided.transfer(), id);
            case LedgerEvent.TransferRejected rejected -> named(rejected.attempted(), id);
            case LedgerEvent.PendingExpired expired -> expired.pendingId().equals(id);
            default -> false;
        };
    }

    private static boolean named(Transfer transfer, UUID id) {
        return transfer.id().equals(id) || id.equals(transfer.pendingId());
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
