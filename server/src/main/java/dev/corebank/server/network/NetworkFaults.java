package dev.corebank.server.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Decides what happens to each message the network sends: the delays of its copies (none: it is lost; two: it is
 * duplicated). One seeded random source, drawn under a lock, so a seed gives the same mix of faults.
 */
final class NetworkFaults {
    /** A fault that was injected, for the metrics and the log. */
    enum Fault { DROPPED, DUPLICATED, REORDERED, DELAYED }

    /** The copies to send, each after its delay, and the faults injected. */
    record Plan(List<Long> delaysMillis, List<Fault> faults) {
    }

    private final NetworkProperties properties;
    private final Random random;

    NetworkFaults(NetworkProperties properties) {
        this.properties = properties;
        this.random = new Random(properties.seed());
    }

    synchronized Plan plan() {
        List<Fault> faults = new ArrayList<>();
        if (random.nextDouble() < properties.dropRate()) {
            faults.add(Fault.DROPPED);
            return new Plan(List.of(), faults);
        }
        long delay = properties.latencyMillis();
        if (properties.latencyJitterMillis() > 0) {
            delay += (long) (random.nextDouble() * properties.latencyJitterMillis());
        }
        if (delay > 0) {
            faults.add(Fault.DELAYED);
        }
        if (random.nextDouble() < properties.reorderRate()) {
            delay += 1 + (long) (random.nextDouble() * properties.reorderDelayMillis());
            faults.add(Fault.REORDERED);
        }
        if (random.nextDouble() < properties.duplicateRate()) {
            faults.add(Fault.DUPLICATED);
            return new Plan(List.of(delay, delay + 1 + (long) (random.nextDouble() * 50)), faults);
        }
        return new Plan(List.of(delay), faults);
    }

    /**
     * Whether a new payment is to be rejected by the network itself. Drawn from the seed and the UETR alone, so the
     * same payment gets the same decision after a restart of the network.
     */
    boolean reject(String uetr) {
        if (properties.rejectRate() <= 0) {
            return false;
        }
        java.util.UUID id = java.util.UUID.fromString(uetr);
        long mixed = properties.seed() * 0x9E3779B97F4A7C15L ^ id.getMostSignificantBits()
                ^ Long.rotateLeft(id.getLeastSignificantBits(), 31);
        return new java.util.SplittableRandom(mixed).nextDouble() < properties.rejectRate();
    }
}
