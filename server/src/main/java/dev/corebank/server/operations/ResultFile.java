package dev.corebank.server.operations;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An import's result file: a header, then one line per applied line of the upload, {@code line,id,result,detail}.
 * It is also the import's durable progress, and {@link #recover} reads that back after a crash.
 */
final class ResultFile {
    private ResultFile() {
    }

    /** Whether a result means the line's transfer is in the ledger: {@code ok}, or {@code exists} (applied before). */
    static boolean applied(String result) {
        return result.equals("ok") || result.equals("exists");
    }

    /**
     * How far the file says the import got: its whole result lines (a line cut by a crash does not count, and is
     * written again), the applied and failed among them, and the bytes they take. Writes the header to a new file.
     */
    static ImportWorker.Progress recover(Path file, String header) throws IOException {
        if (!Files.exists(file) || Files.size(file) < header.length()) {
            Files.writeString(file, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new ImportWorker.Progress(0, 0, 0, header.length());
        }
        long lines = -1;
        long ok = 0;
        long failed = 0;
        long wholeBytes = 0;
        long bytes = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int value;
            while ((value = in.read()) >= 0) {
                bytes++;
                if (value != '\n') {
                    line.write(value);
                    continue;
                }
                if (lines >= 0) {
                    String[] fields = line.toString(StandardCharsets.UTF_8).split(",", 4);
                    if (fields.length >= 3 && applied(fields[2])) {
                        ok++;
                    } else {
                        failed++;
                    }
                }
                lines++;
                wholeBytes = bytes;
                line.reset();
            }
        }
        return new ImportWorker.Progress(Math.max(lines, 0), ok, failed, wholeBytes);
    }

}
