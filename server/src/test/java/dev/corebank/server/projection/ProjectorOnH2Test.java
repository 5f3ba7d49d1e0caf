package dev.corebank.server.projection;

/** The projector contract on the embedded default: an H2 file database in PostgreSQL mode. */
class ProjectorOnH2Test extends ProjectorContract {
    @Override
    ReadModelDatabase.Kind kind() {
        return ReadModelDatabase.Kind.H2;
    }
}
