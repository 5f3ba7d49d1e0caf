package dev.corebank.server.commands;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountWithProfile;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.TransferState;
import dev.corebank.server.web.ApiProperties;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one way into the ledger engine for every caller: the HTTP controllers, first start, the keys command, and the
 * reactors that act (sagas, end of day, consumers). A caller builds a {@link LedgerCommand}, says who asked with a
 * {@link Provenance}, and gets the engine's results back after the journal entry is durable, bounded by the ledger
 * timeout ({@code corebank.api.ledger-timeout}). Failures keep their meaning: {@code LedgerOverloadedException} when
 * the queue is full, {@code LedgerUnavailableException} when the engine stopped, {@link EngineCalls.TimeoutException}
 * when it did not answer in time (the command may still be applied: retry with the same ids). A client's command
 * (one submitted on an HTTP request's thread) first passes the {@link IntakeGate}, which may hold it or refuse it with
 * {@link IntakeRefusedException} while the read model is too far behind the journal.
 *
 * <p>Ids come from the caller, so submitting the same command again never moves money twice.
 */
@Component
public final class Commands {
    public static final String SYSTEM_ROLE = "system";
    /** Set on a request to the journal position of its last entry, once a command of it wrote one. */
    public static final String JOURNALED_ATTRIBUTE = "corebank.journal.position";
    private final LedgerEngine engine;
    private final Duration timeout;
    /** Resolved at the first command: the gate's own parts (the reactors) are made after the command layer. */
    private final SingletonSupplier<IntakeGate> intake;

    Commands(LedgerEngine engine, ApiProperties properties, ObjectProvider<IntakeGate> intake) {
        this.engine = engine;
        this.timeout = properties.ledgerTimeout();
        this.intake = SingletonSupplier.of(() -> intake.getIfAvailable(() -> IntakeGate.OPEN));
    }

    /**
     * Submits the command and waits for its durable results. On a request's thread, the request is marked as
     * journaled when the command wrote an entry ({@link #JOURNALED_ATTRIBUTE}), so the audit trail knows whether the
     * request still needs a record of its own: a refused request, or a repeat that changed nothing, writes none.
     */
    public BatchResult submit(LedgerCommand command, Provenance provenance) {
        return submit(command, provenance, true);
    }

    /**
     * Journals the audit trail's record of a request that wrote nothing itself (refused, or a repeat). Never held by
     * the {@link IntakeGate}: the request's answer waits for its record, and the record is not new work.
     */
    public BatchResult submitRecordOfRequest(LedgerCommand.RecordFacts record, Provenance provenance) {
        return submit(record, provenance, false);
    }

    private BatchResult submit(LedgerCommand command, Provenance provenance, boolean gated) {
        ServletRequestAttributes request = RequestContextHolder.getRequestAttributes()
                instanceof ServletRequestAttributes current ? current : null;
        if (gated && request != null) {
            intake.get().admit();
        }
        BatchResult result = EngineCalls.await(engine.submit(command, provenance), timeout);
        if (result.journaled() && request != null) {
            request.getRequest().setAttribute(JOURNALED_ATTRIBUTE, result.position());
        }
        return result;
    }

    /**
     * Submits the command without waiting, for system work that keeps several commands in flight in a fixed order
     * (end of day): the engine applies commands in the order they were submitted. The caller awaits the future with
     * {@link #await}.
     */
    public java.util.concurrent.CompletableFuture<BatchResult> submitInOrder(LedgerCommand command,
                                                                            Provenance provenance) {
        return engine.submit(command, provenance);
    }

    /** Waits for a submitted command's durable result, bounded by the ledger timeout. */
    public BatchResult await(java.util.concurrent.CompletableFuture<BatchResult> submitted) {
        return EngineCalls.await(submitted, timeout);
    }

    /**
     * The provenance of work corebank does on its own (first start, end of day, a reactor): no API key, the role
     * {@code system}, and what the work is in place of an endpoint, such as {@code first start}.
     */
    public static Provenance system(String work, TraceId traceId) {
        return new Provenance("", SYSTEM_ROLE, "", "", traceId, "", Provenance.shorten(work,
                Provenance.ENDPOINT_BYTES_MAX));
    }

    /** The accounts found, with their profiles, in the order asked. */
    public List<AccountWithProfile> accounts(List<UUID> ids) {
        return EngineCalls.await(engine.lookupAccountsWithProfiles(ids), timeout);
    }

    /** The accounts found, without profiles, in the order asked. */
    public List<Account> ledgerAccounts(List<UUID> ids) {
        return EngineCalls.await(engine.lookupAccounts(ids), timeout);
    }

    /** The transfers found, in the order asked. */
    public List<TransferState> transfers(List<UUID> ids) {
        return EngineCalls.await(engine.lookupTransfers(ids), timeout);
    }

    /** The bank's business date as of the latest durable entry. */
    public dev.corebank.ledger.BusinessDate businessDate() {
        return EngineCalls.await(engine.lookupBusinessDate(), timeout);
    }

    /** The most items one command may hold. */
    public int batchSizeMax() {
        return engine.config().batchSizeMax();
    }

    /** The position of the request's last journal entry, or -1 when it wrote none. */
    public static long journaledPosition(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(JOURNALED_ATTRIBUTE) instanceof Long position ? position : -1;
    }

    /** The sequence of the latest durable journal entry. */
    public long committedPosition() {
        return engine.committedPosition();
    }
}
