package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.harness.Draw;
import dev.corebank.ledger.harness.SeededProperty;
import dev.corebank.ledger.harness.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The id index behaves like a map from id to slot, through growth and backward-shift removal. */
class IdIndexTest {
    /** put (0), remove (1) or get (2) of the id made from {@code key}. */
    record Step(int action, long key) {
    }

    @Test
    void findsNothingForTheZeroIdInAnEmptyOrAFilledIndex() {
        IdIndex index = new IdIndex(16, 1_000);
        assertThat(index.get(Ids.ZERO)).isEqualTo(IdIndex.ABSENT);
        for (int slot = 0; slot < 100; slot++) {
            index.put(new UUID(slot, slot + 1), slot);
        }
        assertThat(index.get(Ids.ZERO)).isEqualTo(IdIndex.ABSENT);
        assertThat(index.get(new UUID(0, 1))).isZero();
    }

    @Test
    void agreesWithAHashMap() {
        SeededProperty.of("IdIndexTest#agreesWithAHashMap", 200, IdIndexTest::steps, MapCheck::new).run();
    }

    /** Up to 600 steps: put, remove or get, each as likely, of keys 1 to 300. */
    private static List<Step> steps(SplittableRandom random) {
        int count = Draw.between(random, 0, 600);
        List<Step> steps = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            steps.add(new Step(Draw.between(random, 0, 2), Draw.between(random, 1L, 300L)));
        }
        return steps;
    }

    /** One try: an index and a hash map side by side. */
    private static final class MapCheck implements Trial<Step> {
        private final IdIndex index = new IdIndex(4, 10_000);
        private final Map<UUID, Integer> expected = new HashMap<>();
        private int nextSlot;

        @Override
        public void apply(int stepIndex, Step step) {
            // Few distinct keys and a weak spread of bits make long probe runs and wrap-arounds likely.
            UUID id = new UUID(step.key() & 0xF, step.key() * 31);
            switch (step.action()) {
                case 0 -> {
                    if (!expected.containsKey(id)) {
                        index.put(id, nextSlot);
                        expected.put(id, nextSlot++);
                    }
                }
                case 1 -> {
                    if (expected.remove(id) != null) {
                        index.remove(id);
                    }
                }
                default -> assertThat(index.get(id)).as("get %s", id)
                        .isEqualTo(expected.getOrDefault(id, IdIndex.ABSENT));
            }
            assertThat(index.size()).as("size").isEqualTo(expected.size());
        }

        @Override
        public void finish(int stepIndex) {
            expected.forEach((id, slot) -> assertThat(index.get(id)).as("get %s", id).isEqualTo(slot));
            assertThat(index.get(Ids.ZERO)).isEqualTo(IdIndex.ABSENT);
        }
    }
}
