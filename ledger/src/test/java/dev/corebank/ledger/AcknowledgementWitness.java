package dev.corebank.ledger;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches write futures complete and, at the moment each one completes (on the completing thread), compares the
 * journal position it acknowledges with what is durable in the storage. An acknowledgement ahead of the durable bytes
 * is a broken promise, recorded with the numbers that show it.
 */
final class AcknowledgementWitness {
    private final MemoryStorage memory;
    private final Path journalDirectory;
    private final ConcurrentLinkedQueue<String> brokenPromises = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<UUID> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger checkedOnSyncThread = new AtomicInteger();

    AcknowledgementWitness(MemoryStorage memory, Path journalDirectory) {
        this.memory = memory;
        this.journalDirectory = journalDirectory;
    }

    /**
     * Watches the future of a batch of transfers; each transfer the batch applied counts as acknowledged. Returns the
     * stage that completes once the check has run, so that whoever waits on it sees the check's outcome.
     */
    CompletableFuture<BatchResult> watch(List<Transfer> transfers, CompletableFuture<BatchResult> future) {
        return future.whenComplete((result, failure) -> {
            if (failure != null) {
                failures.incrementAndGet();
                return;
            }
            long durable = DurableJournal.lastDurableSequence(memory, journalDirectory);
            if (Thread.currentThread().getName().equals("ledger-sync")) {
                checkedOnSyncThread.incrementAndGet();
            }
            if (result.journaled() && result.position() > durable) {
                brokenPromises.add("acknowledged position=" + result.position() + " durableSequence=" + durable);
            }
            for (int index = 0; index < transfers.size(); index++) {
                if (result.codes()[index] == ResultCode.OK) {
                    acknowledged.add(transfers.get(index).id());
                }
            }
        });
    }

    List<String> brokenPromises() {
        return List.copyOf(brokenPromises);
    }

    List<UUID> acknowledged() {
        return List.copyOf(acknowledged);
    }

    int failures() {
        return failures.get();
    }

    int checkedOnSyncThread() {
        return checkedOnSyncThread.get();
    }
}
