package dev.corebank.server.transfers;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.Transfer;
import dev.corebank.ledger.TransferState;
import dev.corebank.server.commands.Commands;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Submits transfers through the command layer and reads them back. Holds no state: the engine decides everything. */
@Service
final class TransferService {
    private final Commands commands;

    TransferService(Commands commands) {
        this.commands = commands;
    }

    /** One transfer's result, the journal position that holds it, and the transfer as stored (null if rejected). */
    record Outcome(ResultCode code, long position, TransferState transfer) {
    }

    /**
     * Submits one transfer and gets the stored transfer back in the same trip through the engine's queue (for a
     * repeat, the original), once the entry is durable.
     */
    Outcome create(Transfer transfer, Provenance provenance) {
        BatchResult result = commands.submit(new LedgerCommand.CreateTransfers(List.of(transfer), true), provenance);
        ResultCode code = result.code(0);
        if (code != ResultCode.OK && code != ResultCode.EXISTS) {
            return new Outcome(code, result.position(), null);
        }
        return new Outcome(code, result.position(), result.transfers().isEmpty() ? null
                : result.transfers().getFirst());
    }

    BatchResult createBatch(List<Transfer> transfers, Provenance provenance) {
        return commands.submit(LedgerCommand.CreateTransfers.of(transfers), provenance);
    }

    Optional<TransferState> find(UUID id) {
        List<TransferState> found = commands.transfers(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    Optional<Account> account(UUID id) {
        List<Account> found = commands.ledgerAccounts(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    int batchSizeMax() {
        return commands.batchSizeMax();
    }
}
