package dev.corebank.server.history;

import dev.corebank.server.projection.ReadModelDatabase;

/** The history queries on PostgreSQL, in a database created for the test and dropped after it. */
class HistoryOnPostgresTest extends HistoryContract {
    @Override
    ReadModelDatabase.Kind kind() {
        return ReadModelDatabase.Kind.POSTGRESQL;
    }
}
