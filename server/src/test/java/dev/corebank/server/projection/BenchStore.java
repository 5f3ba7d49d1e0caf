package dev.corebank.server.projection;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A read-model store the projector benchmark runs on, by its command-line name: the embedded default exactly as the
 * server configures it, PostgreSQL in a scratch database, and H2 with its own default write delay (commits held in
 * memory for up to 500 ms), to show what the server's WRITE_DELAY=0 costs.
 */
enum BenchStore {
    H2("h2"),
    POSTGRESQL("postgresql"),
    H2_WRITE_DELAY("h2-write-delay");

    private final String label;

    BenchStore(String label) {
        this.label = label;
    }

    static BenchStore ofName(String name) {
        for (BenchStore store : values()) {
            if (store.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return store;
            }
        }
        throw new IllegalArgumentException("unknown store store=" + name + " (h2, postgresql, h2-write-delay)");
    }

    String label() {
        return label;
    }

    /** A fresh, migrated database; PostgreSQL's is dropped when it is closed. */
    ReadModelDatabase create(Path directory) {
        return switch (this) {
            case H2 -> ReadModelDatabase.create(ReadModelDatabase.Kind.H2, directory);
            case POSTGRESQL -> ReadModelDatabase.create(ReadModelDatabase.Kind.POSTGRESQL, directory);
            case H2_WRITE_DELAY -> ReadModelDatabase.attach(new ReadModelDatabase.Address(ReadModelDatabase.Kind.H2,
                    ReadModelDatabase.h2Url(directory).replace(";WRITE_DELAY=0", ""), "sa", null));
        };
    }
}
