package dev.corebank.server.operations;

import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.LedgerCommand;
import dev.corebank.ledger.Provenance;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.commands.Commands;
import dev.corebank.server.webhooks.OwnedFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies transfer imports, one at a time, oldest first, in batches of up to {@code batch-size-max} lines: each batch
 * is one command through the command layer (one journal entry), with the provenance of the request that uploaded the
 * file. After each batch its results are appended to the result file and made durable (fsync): the result file is the
 * import's durable progress. The operation row's counts follow it for the status resource, at most every
 * {@link #PROGRESS_INTERVAL_MILLIS}, so the database is not written once per batch.
 *
 * <p>Recovery after a crash, as a decision table (the batch in question is the one after the last whole result line):
 * <pre>
 * crash came                                   | on restart
 * ---------------------------------------------+--------------------------------------------------------------------
 * before the batch reached the engine          | the batch is submitted: applied once
 * after the engine, before its results synced  | submitted again: the engine answers exists for every line it
 *                                              | applied (the ids come from the file), so nothing moves twice; a
 *                                              | half-written result line is cut off, and those lines say exists
 * after the results synced                     | the next batch; the row's counts are recounted from the result file
 * after the last batch, before the completion  | the completion is journaled on restart (completion_journaled)
 * </pre>
 */
final class ImportWorker implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ImportWorker.class);
    static final String ENDPOINT = "POST /v1/transfer-imports";
    static final String RESULT_HEADER = "line,id,result,detail\n";
    /** How long the worker waits after the engine refused a batch (overloaded, stopping) before it tries again. */
    static final long ENGINE_BACKOFF_MILLIS = 1_000;
    /** How often the operation row's counts are brought up to the result file while an import runs. */
    static final long PROGRESS_INTERVAL_MILLIS = 500;

    private final OperationStore store;
    private final ImportProperties properties;
    private final Path directory;
    private final JsonMapper json;
    private final Commands commands;
    private final Completions completions;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    ImportWorker(OperationStore store, ImportProperties properties, Path directory, JsonMapper json,
                 Commands commands, OwnedFacts ownedFacts, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.directory = directory;
        this.json = json;
        this.commands = commands;
        this.completions = new Completions(commands, ownedFacts, store);
        this.clock = clock;
    }

    Completions completions() {
        return completions;
    }

    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("transfer-imports").daemon(true).start(this::loop);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            thread.join(30_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        int cutShort = store.failInterruptedRequests(clock.millis());
        if (cutShort > 0) {
            LOG.warn("single requests that were running when the server stopped are marked failed count={}",
                    cutShort);
        }
        while (running) {
            try {
                store.completionsToJournal().forEach(this::journalCompletion);
                Optional<Operation> next = store.nextRunning();
                if (next.isPresent()) {
                    apply(next.get());
                } else {
                    wakeups.tryAcquire(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                LOG.warn("a transfer import step failed; trying again after a pause", failure);
                pause();
            }
        }
    }

    private void apply(Operation operation) {
        store.started(operation.id(), clock.millis());
        try {
            boolean done = applyLines(operation);
            if (done) {
                store.finished(operation.id(), Operation.SUCCEEDED, null, clock.millis());
                journalCompletion(store.find(operation.id()).orElseThrow());
            }
        } catch (IOException | UncheckedIOException unreadable) {
            LOG.error("a transfer import failed: its files cannot be read or written operationId={}",
                    operation.id(), unreadable);
            store.finished(operation.id(), Operation.FAILED, "the import's files could not be read or written: "
                    + unreadable.getMessage(), clock.millis());
            journalCompletion(store.find(operation.id()).orElseThrow());
        }
    }

    /** Applies the lines after those the result file holds; true when the file is done, false when stopped first. */
    private boolean applyLines(Operation operation) throws IOException {
        Path result = ImportUploads.result(directory, operation.id());
        Progress progress = ResultFile.recover(result, RESULT_HEADER);
        try (LineReader reader = new LineReader(Files.newInputStream(ImportUploads.upload(directory, operation.id())),
                properties.lineBytesMax());
             FileChannel out = FileChannel.open(result, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ImportLines lines = operation.format() == ImportFormat.CSV ? ImportLines.csv(json, reader.next().text())
                    : ImportLines.ndjson(json);
            out.truncate(progress.resultBytes());
            out.position(progress.resultBytes());
            for (long skipped = 0; skipped < progress.linesDone(); skipped++) {
                reader.next();
            }
            int batchSizeMax = Math.min(properties.batchSizeMax(), commands.batchSizeMax());
            Provenance provenance = provenance(operation);
            long storedAtMillis = 0;
            while (running) {
                List<ImportLines.Parsed> batch = new ArrayList<>(batchSizeMax);
                for (LineReader.Line line; batch.size() < batchSizeMax && (line = reader.next()) != null; ) {
                    batch.add(lines.parse(line));
                }
                if (batch.isEmpty()) {
                    store(operation, progress);
                    return true;
                }
                progress = applyBatch(batch, progress, provenance, out);
                if (clock.millis() - storedAtMillis >= PROGRESS_INTERVAL_MILLIS) {
                    store(operation, progress);
                    storedAtMillis = clock.millis();
                }
            }
            store(operation, progress);
            return false;
        }
    }

    private void store(Operation operation, Progress progress) {
        store.progressed(operation.id(), progress.linesDone(), progress.linesOk(), progress.linesFailed(),
                progress.resultBytes(), clock.millis());
    }

    /** How far an import is, as its result file says. */
    record Progress(long linesDone, long linesOk, long linesFailed, long resultBytes) {
    }

    private Progress applyBatch(List<ImportLines.Parsed> batch, Progress before, Provenance provenance,
                                FileChannel out) throws IOException {
        List<Transfer> transfers = new ArrayList<>(batch.size());
        for (ImportLines.Parsed parsed : batch) {
            if (parsed.transfer() != null) {
                transfers.add(parsed.transfer());
            }
        }
        BatchResult applied = transfers.isEmpty() ? null
                : commands.submit(LedgerCommand.CreateTransfers.of(transfers), provenance);
        StringBuilder text = new StringBuilder(batch.size() * 64);
        long ok = before.linesOk();
        long failed = before.linesFailed();
        int submitted = 0;
        for (int index = 0; index < batch.size(); index++) {
            ImportLines.Parsed parsed = batch.get(index);
            long lineNumber = before.linesDone() + index + 1;
            text.append(lineNumber).append(',');
            if (parsed.transfer() == null) {
                failed++;
                text.append(',').append(parsed.error()).append(',').append(quoted(parsed.detail())).append('\n');
                continue;
            }
            ResultCode code = applied.code(submitted++);
            boolean applies = ResultFile.applied(code.wireName());
            ok += applies ? 1 : 0;
            failed += applies ? 0 : 1;
            text.append(parsed.transfer().id()).append(',').append(code.wireName()).append(",\n");
        }
        long resultBytes = before.resultBytes() + write(out, text.toString());
        // The results are the import's durable progress: on disk before the next batch is submitted.
        out.force(false);
        return new Progress(before.linesDone() + batch.size(), ok, failed, resultBytes);
    }

    private void journalCompletion(Operation operation) {
        completions.journal(operation);
        LOG.info("transfer import finished operationId={} state={} lines={} ok={} failed={}", operation.id(),
                operation.state(), operation.linesTotal(), operation.linesOk(), operation.linesFailed());
    }

    static Provenance provenance(Operation operation) {
        TraceId trace = operation.traceId().isEmpty() ? TraceId.NONE : TraceId.ofHex(operation.traceId());
        String endpoint = operation.answer() == null ? ENDPOINT
                : Provenance.shorten(operation.answer().method() + " " + operation.answer().path(),
                Provenance.ENDPOINT_BYTES_MAX);
        return new Provenance(operation.ownerKeyId(), operation.ownerRole(), operation.clientAddress(),
                operation.requestId(), trace, "", endpoint);
    }

    private static int write(FileChannel out, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        int length = bytes.remaining();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        return length;
    }

    private static String quoted(String detail) {
        return detail == null ? "" : '"' + detail.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
    }

    private void pause() {
        try {
            wakeups.tryAcquire(ENGINE_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
