package dev.corebank.server.operations;

import dev.corebank.ledger.LedgerCommand;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.webhooks.OwnedFacts;
import java.util.List;

/**
 * Journals the end of an operation as the fact {@code operation.completed}, which the webhooks reactor delivers to the
 * owner's subscriptions, then marks it journaled. A crash between the two journals it again on restart: at least once.
 */
final class Completions {
    private final Commands commands;
    private final OwnedFacts ownedFacts;
    private final OperationStore store;

    /** The completion as the event {@code operation.completed} carries it. */
    record Completed(int format, String operationId, String kind, String ownerKeyId, String state, long linesTotal,
                     long linesOk, long linesFailed, Integer responseStatus, String error, String status,
                     String result) {
    }

    Completions(Commands commands, OwnedFacts ownedFacts, OperationStore store) {
        this.commands = commands;
        this.ownedFacts = ownedFacts;
        this.store = store;
    }

    void journal(Operation operation) {
        Completed completed = new Completed(1, operation.id().toString(), operation.kind(), operation.ownerKeyId(),
                operation.state(), operation.linesTotal(), operation.linesOk(), operation.linesFailed(),
                operation.answer() == null ? null : operation.answer().status(), operation.error(),
                "/v1/operations/" + operation.id(), "/v1/operations/" + operation.id() + "/result");
        commands.submit(new LedgerCommand.RecordFacts(List.of(ownedFacts.operationCompleted(completed))),
                ImportWorker.provenance(operation));
        store.completionJournaled(operation.id());
    }
}
