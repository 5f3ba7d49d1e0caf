package dev.corebank.server.operations;

import dev.corebank.ledger.Provenance;
import dev.corebank.server.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives an import file: streams it to the imports directory within the size limit, reads it back once to count
 * its lines and to check that it can be read at all (UTF-8 text, a known CSV header, at least one line, no more than
 * the limit), makes it durable (fsync), and only then stores the operation. A file that fails these checks is refused
 * at once with a problem and leaves nothing behind; a file that passes is never refused later, whatever its lines hold.
 */
final class ImportUploads {
    private final OperationStore store;
    private final ImportProperties properties;
    private final Path directory;
    private final JsonMapper json;
    private final Runnable wake;
    private final Clock clock;

    ImportUploads(OperationStore store, ImportProperties properties, Path directory, JsonMapper json, Runnable wake,
                  Clock clock) {
        this.store = store;
        this.properties = properties;
        this.directory = directory;
        this.json = json;
        this.wake = wake;
        this.clock = clock;
    }

    Path directory() {
        return directory;
    }

    Clock clock() {
        return clock;
    }

    static Path upload(Path directory, UUID id) {
        return directory.resolve(id + ".upload");
    }

    static Path result(Path directory, UUID id) {
        return directory.resolve(id + ".result.csv");
    }

    /** Takes the file; returns the running operation that will apply it. */
    Operation accept(InputStream body, long declaredLength, ImportFormat format, Provenance asker) {
        long bytesMax = properties.fileBytesMax().toBytes();
        if (declaredLength > bytesMax) {
            throw tooLarge(bytesMax);
        }
        UUID id = UUID.randomUUID();
        Path file = upload(directory, id);
        try {
            Files.createDirectories(directory);
            copy(body, file, bytesMax);
            long lines = countLines(file, format);
            long nowMillis = clock.millis();
            Operation operation = new Operation(id, Operation.TRANSFER_IMPORT, Operation.RUNNING, asker.apiKeyId(),
                    asker.role(), asker.clientAddress(), asker.requestId(),
                    asker.traceId().isNone() ? "" : asker.traceId().toHex(), format, lines, 0, 0, 0, 0, null, false,
                    nowMillis, null, nowMillis, null, null);
            store.insert(operation);
            wake.run();
            return operation;
        } catch (IOException failed) {
            deleteQuietly(file);
            throw new UncheckedIOException("the import file could not be stored file=" + file, failed);
        } catch (RuntimeException refused) {
            deleteQuietly(file);
            throw refused;
        }
    }

    private static void copy(InputStream body, Path file, long bytesMax) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = body.read(buffer)) >= 0) {
                total += read;
                if (total > bytesMax) {
                    throw tooLarge(bytesMax);
                }
                out.write(buffer, 0, read);
            }
            // The 202 promises the operation survives a crash: the file is on disk before the row that names it.
            channel.force(true);
        }
    }

    private long countLines(Path file, ImportFormat format) throws IOException {
        long lines = 0;
        try (LineReader reader = new LineReader(Files.newInputStream(file), properties.lineBytesMax())) {
            LineReader.Line line = reader.next();
            if (format == ImportFormat.CSV) {
                checkHeader(line);
                line = reader.next();
            }
            for (; line != null; line = reader.next()) {
                if (line.notUtf8()) {
                    throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "import_unreadable", "the file is not"
                            + " UTF-8 text line=" + (lines + 1 + (format == ImportFormat.CSV ? 1 : 0)));
                }
                lines++;
                if (lines > properties.linesMax()) {
                    throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "import_too_many_lines", "an import holds"
                            + " at most " + properties.linesMax() + " transfers");
                }
            }
        }
        if (lines == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "import_empty", "the file holds no transfer");
        }
        return lines;
    }

    private void checkHeader(LineReader.Line header) {
        if (header == null || header.text() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "import_header_invalid", "a CSV import starts with a"
                    + " header line naming the columns " + ImportFormat.CSV_COLUMNS);
        }
        try {
            ImportLines.csv(json, header.text());
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "import_header_invalid", invalid.getMessage());
        }
    }

    private static ApiException tooLarge(long bytesMax) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "import_too_large", "an import file is at most "
                + bytesMax + " bytes");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left behind, it is never named by an operation and harms nothing.
        }
    }
}
