package dev.corebank.server.history;

import dev.corebank.server.projection.ReadModelDatabase;

/** The history queries on the embedded default: an H2 file database in PostgreSQL mode. */
class HistoryOnH2Test extends HistoryContract {
    @Override
    ReadModelDatabase.Kind kind() {
        return ReadModelDatabase.Kind.H2;
    }
}
