package dev.corebank.server.projection;

import java.util.Locale;

/** A read-model store the projector benchmark runs on, by its command-line name. */
enum BenchStore {
    H2("h2", ReadModelDatabase.Kind.H2),
    POSTGRESQL("postgresql", ReadModelDatabase.Kind.POSTGRESQL);

    private final String label;
    private final ReadModelDatabase.Kind kind;

    BenchStore(String label, ReadModelDatabase.Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    static BenchStore ofName(String name) {
        for (BenchStore store : values()) {
            if (store.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return store;
            }
        }
        throw new IllegalArgumentException("unknown store store=" + name + " (h2, postgresql)");
    }

    String label() {
        return label;
    }

    ReadModelDatabase.Kind kind() {
        return kind;
    }
}
