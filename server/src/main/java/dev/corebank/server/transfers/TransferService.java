package dev.corebank.server.transfers;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.LedgerOverloadedException;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferState;
import dev.corebank.server.web.ApiProperties;
import dev.corebank.server.web.LedgerCalls;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/** Submits transfers to the engine and reads them back. Holds no state: the engine decides everything. */
@Service
final class TransferService {
    private final LedgerEngine engine;
    private final Duration timeout;

    TransferService(LedgerEngine engine, ApiProperties properties) {
        this.engine = engine;
        this.timeout = properties.ledgerTimeout();
    }

    /** One transfer's result, the journal position that holds it, and the transfer as stored (null if rejected). */
    record Outcome(ResultCode code, long position, TransferState transfer) {
    }

    /**
     * Submits one transfer and, right behind it in the engine's queue, a lookup of its id: both are answered once the
     * batch is durable, and the lookup shows what was stored (for a repeat, the original).
     */
    Outcome create(Transfer transfer, TraceId traceId) {
        CompletableFuture<BatchResult> created = engine.createTransfers(List.of(transfer), traceId);
        CompletableFuture<List<TransferState>> readAfter = engine.lookupTransfers(List.of(transfer.id()));
        BatchResult result = LedgerCalls.await(created, timeout);
        ResultCode code = result.code(0);
        if (code != ResultCode.OK && code != ResultCode.EXISTS) {
            return new Outcome(code, result.position(), null);
        }
        List<TransferState> stored;
        try {
            stored = LedgerCalls.await(readAfter, timeout);
        } catch (LedgerOverloadedException full) {
            stored = LedgerCalls.await(engine.lookupTransfers(List.of(transfer.id())), timeout);
        }
        return new Outcome(code, result.position(), stored.isEmpty() ? null : stored.getFirst());
    }

    BatchResult createBatch(List<Transfer> transfers, TraceId traceId) {
        return LedgerCalls.await(engine.createTransfers(transfers, traceId), timeout);
    }

    Optional<TransferState> find(UUID id) {
        List<TransferState> found = LedgerCalls.await(engine.lookupTransfers(List.of(id)), timeout);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    Optional<Account> account(UUID id) {
        List<Account> found = LedgerCalls.await(engine.lookupAccounts(List.of(id)), timeout);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    int batchSizeMax() {
        return engine.config().batchSizeMax();
    }
}
