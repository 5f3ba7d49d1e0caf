package dev.corebank.server.reactor;

import dev.corebank.ledger.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A test reactor whose effect outlives its process: it appends each entry's sequence as a line to a file. It is
 * idempotent the way a real AFTER_EFFECT reactor must be: it remembers the last sequence it wrote and skips entries up
 * to it, so a run handed to it again after a crash adds nothing.
 */
final class AppendingReactor implements Reactor {
    static final String NAME = "appending";

    private final Path file;
    private long lastWritten;

    AppendingReactor(Path file) {
        this.file = file;
        this.lastWritten = lines(file).isEmpty() ? 0 : lines(file).getLast();
    }

    static List<Long> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().map(Long::parseLong).toList() : List.of();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    long lastWritten() {
        return lastWritten;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckpointMode checkpointMode() {
        return CheckpointMode.AFTER_EFFECT;
    }

    @Override
    public ReactorCheckpoint apply(ReactorCheckpoint from, List<JournalEntry> run) {
        StringBuilder lines = new StringBuilder();
        for (JournalEntry entry : run) {
            if (entry.sequence() > lastWritten) {
                lines.append(entry.sequence()).append('\n');
            }
        }
        try {
            // One write per run: a kill falls before or after it, not inside a line.
            Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        lastWritten = Math.max(lastWritten, run.getLast().sequence());
        return ReactorCheckpoint.of(run.getLast());
    }
}
