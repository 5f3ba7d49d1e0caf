package dev.corebank.bench.systems;

/** How far a system's read model is behind its journal right now, for systems that have one. */
public interface ReadModelLag {
    Sample sample() throws Exception;

    /** Entries committed to the journal and not yet projected, and the age of the oldest of them. */
    record Sample(long entries, double seconds) {
    }
}
