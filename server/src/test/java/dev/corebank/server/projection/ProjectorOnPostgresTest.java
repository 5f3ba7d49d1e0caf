package dev.corebank.server.projection;

/** The projector contract on PostgreSQL, in a database created for the test and dropped after it. */
class ProjectorOnPostgresTest extends ProjectorContract {
    @Override
    ReadModelDatabase.Kind kind() {
        return ReadModelDatabase.Kind.POSTGRESQL;
    }
}
