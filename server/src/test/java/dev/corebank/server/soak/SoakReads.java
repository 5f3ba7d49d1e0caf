package dev.corebank.server.soak;

import static org.awaitility.Awaitility.await;

import dev.corebank.server.api.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a running server the way a client would, into the shapes {@link SoakChecker} compares: the engine
 * ({@code GET /v1/transfers/{id}}, {@code GET /v1/accounts/{id}}), the read model (statements and history), the
 * reactors, the audit trail ({@code GET /v1/audit}) and the server's own verification. A read that does not answer
 * as documented is an {@link IllegalStateException}: the server is up and idle when the soak reads it.
 */
final class SoakReads {
    private static final Duration CATCH_UP_MAX = Duration.ofSeconds(180);
    private static final int HISTORY_PAGE = 500;
    private static final int AUDIT_PAGE = 1000;
    private static final int LOOKUPS_IN_FLIGHT = 4;

    private final ApiClient api;
    private final String key;

    SoakReads(ApiClient api, String key) {
        this.api = api;
        this.key = key;
    }

    /**
     * The audit records after a sequence, and the time of the newest up to the window's end, where the next window
     * starts (an entry after it cannot be older).
     */
    record AuditSince(List<SoakChecker.AuditEntry> records, Instant newest) {
    }

    /**
     * Where the reactors stand after the wait for them: the journal's committed position, and a line for each reactor
     * that had not reached it when the wait ended (none when all had).
     */
    record CatchUp(long journalPosition, List<String> behind) {
    }

    /**
     * Waits until every reactor's checkpoint has reached the journal's committed position, for at most
     * {@link #CATCH_UP_MAX}; a reactor still behind then (stuck, failing) is named with its state and last failure.
     */
    CatchUp awaitReactorsCaughtUp() {
        try {
            await("every reactor at the journal position").atMost(CATCH_UP_MAX).pollInterval(Duration.ofMillis(100))
                    .until(() -> reactorsBehind().behind().isEmpty());
        } catch (ConditionTimeoutException late) {
            // Not an error of the soak: the reactors still behind are the evidence, returned below.
        }
        return reactorsBehind();
    }

    private CatchUp reactorsBehind() {
        ApiClient.Response listed = expect(api.get("/v1/admin/reactors", key), "GET /v1/admin/reactors");
        long journal = -1;
        List<String> behind = new ArrayList<>();
        for (JsonNode reactor : listed.json()) {
            journal = Math.max(journal, reactor.path("journalPosition").asLong());
            if (reactor.path("position").asLong() < reactor.path("journalPosition").asLong()) {
                String failure = text(reactor.path("lastFailure"));
                behind.add("reactor=" + reactor.path("name").asString() + " state=" + reactor.path("state")
                        .asString() + " position=" + reactor.path("position").asLong() + " journalPosition="
                        + reactor.path("journalPosition").asLong() + " failures=" + reactor.path("failures").asLong()
                        + " lastFailure=" + (failure == null ? "-" : failure.substring(0, Math.min(400,
                        failure.length()))));
            }
        }
        if (journal < 0) {
            behind.add("no reactor listed: " + listed);
        }
        return new CatchUp(journal, behind);
    }

    /**
     * The engine's view of each id; an id it answers 404 for is left out. A few lookups run at once: a check looks up
     * hundreds, and one at a time most of the wait is the round trip.
     */
    Map<UUID, TransferView> transfers(Collection<UUID> ids) {
        Map<UUID, TransferView> found = new ConcurrentHashMap<>();
        try (ExecutorService lookups = Executors.newFixedThreadPool(
                LOOKUPS_IN_FLIGHT)) {
            List<Future<?>> pending = new ArrayList<>();
            for (UUID id : ids) {
                pending.add(lookups.submit(() -> {
                    ApiClient.Response read = api.get("/v1/transfers/" + id, key);
                    if (read.status() == 200) {
                        found.put(id, transferView(read.json()));
                    } else if (read.status() != 404) {
                        throw new IllegalStateException("GET /v1/transfers/" + id + " answered " + read);
                    }
                }));
            }
            for (Future<?> lookup : pending) {
                lookup.get();
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException(failed.getCause().getMessage(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking transfers up", interrupted);
        }
        return new HashMap<>(found);
    }

    Map<UUID, Balances> accounts(Collection<UUID> ids) {
        Map<UUID, Balances> found = new HashMap<>();
        for (UUID id : ids) {
            JsonNode account = expect(api.get("/v1/accounts/" + id, key), "GET /v1/accounts/" + id).json();
            found.put(id, new Balances(account.path("debitsPending").asLong(), account.path("debitsPosted").asLong(),
                    account.path("creditsPending").asLong(), account.path("creditsPosted").asLong()));
        }
        return found;
    }

    /** The statement from {@code from} to today, one line asked for: every page carries the whole period's totals. */
    SoakChecker.StatementTotals statement(UUID account, LocalDate from) {
        String path = "/v1/accounts/" + account + "/statement?from=" + from + "&to=" + LocalDate.now(
                ZoneOffset.UTC) + "&limit=1";
        JsonNode statement = expect(api.get(path, key), "GET " + path).json();
        return new SoakChecker.StatementTotals(statement.path("openingBalance").asLong(),
                statement.path("totalDebits").asLong(), statement.path("totalCredits").asLong(),
                statement.path("closingBalance").asLong());
    }

    /** The account's history from the read model, newest first, down to (not including) {@code afterTimestamp}. */
    List<TransferView> historySince(UUID account, long afterTimestamp) {
        List<TransferView> rows = new ArrayList<>();
        String cursor = null;
        while (true) {
            String path = "/v1/accounts/" + account + "/transfers?limit=" + HISTORY_PAGE
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = expect(api.get(path, key), "GET " + path).json();
            for (JsonNode row : page.path("transfers")) {
                TransferView view = transferView(row);
                if (view.timestamp() <= afterTimestamp) {
                    return rows;
                }
                rows.add(view);
            }
            cursor = text(page.path("nextCursor"));
            if (cursor == null) {
                return rows;
            }
        }
    }

    /**
     * The audit records of the entries after {@code afterSequence}, newest first, from {@code from} on (null: all);
     * {@code upTo} ends the window whose newest record's time is returned.
     * Pages go back by time; the database keeps microseconds, so each next page starts a microsecond after the oldest
     * record seen (its {@code to} is exclusive) and records seen twice are counted once, by their id.
     */
    AuditSince auditSince(long afterSequence, long upTo, Instant from) {
        Map<String, SoakChecker.AuditEntry> byId = new LinkedHashMap<>();
        Instant to = null;
        Instant newest = null;
        while (true) {
            String path = "/v1/audit?limit=" + AUDIT_PAGE + (from == null ? "" : "&from=" + from)
                    + (to == null ? "" : "&to=" + to);
            JsonNode records = expect(api.get(path, key), "GET " + path).json().path("records");
            int added = 0;
            Instant oldest = null;
            long oldestSequence = Long.MAX_VALUE;
            for (JsonNode record : records) {
                Instant occurred = Instant.parse(record.path("occurredAt").asString());
                long sequence = record.path("journalSequence").asLong();
                if (sequence <= upTo && (newest == null || occurred.isAfter(newest))) {
                    newest = occurred;
                }
                oldest = occurred;
                oldestSequence = Math.min(oldestSequence, sequence);
                if (byId.putIfAbsent(record.path("id").asString(), auditEntry(record)) == null) {
                    added++;
                }
            }
            if (records.size() < AUDIT_PAGE || oldestSequence <= afterSequence) {
                return new AuditSince(List.copyOf(byId.values()), newest == null ? from : newest);
            }
            if (added == 0) {
                throw new IllegalStateException("more than " + AUDIT_PAGE + " audit records in one microsecond at "
                        + oldest + ": the soak cannot page past them");
            }
            to = oldest.plusNanos(1000);
        }
    }

    /** {@code GET /v1/admin/audit/verify}: ok and the verdict's lines. */
    Verification verify() {
        JsonNode verified = expect(api.get("/v1/admin/audit/verify", key), "GET /v1/admin/audit/verify").json();
        List<String> lines = new ArrayList<>();
        verified.path("verdict").forEach(line -> lines.add(line.asString()));
        return new Verification(verified.path("ok").asBoolean(), lines);
    }

    record Verification(boolean ok, List<String> verdict) {
    }

    /** A transfer's fields from the engine's answer or a read-model history row (the two share their names). */
    static TransferView transferView(JsonNode transfer) {
        List<String> flags = new ArrayList<>();
        transfer.path("flags").forEach(flag -> flags.add(flag.asString()));
        return new TransferView(uuid(transfer.path("id")), uuid(transfer.path("debitAccountId")),
                uuid(transfer.path("creditAccountId")), transfer.path("amount").asLong(), List.copyOf(flags),
                uuid(transfer.path("pendingId")), text(transfer.path("reference")), transfer.path("timestamp").asLong(),
                text(transfer.path("pendingStatus")));
    }

    private static SoakChecker.AuditEntry auditEntry(JsonNode record) {
        Set<UUID> subjects = new LinkedHashSet<>();
        record.path("subjectIds").forEach(id -> subjects.add(UUID.fromString(id.asString())));
        JsonNode status = record.path("status");
        return new SoakChecker.AuditEntry(record.path("journalSequence").asLong(), List.copyOf(subjects),
                text(record.path("outcome")), status.isNumber() ? status.asInt() : null);
    }

    private static UUID uuid(JsonNode node) {
        String text = text(node);
        return text == null ? null : UUID.fromString(text);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static ApiClient.Response expect(ApiClient.Response response, String what) {
        if (response.status() != 200) {
            throw new IllegalStateException(what + " answered " + response);
        }
        return response;
    }
}
