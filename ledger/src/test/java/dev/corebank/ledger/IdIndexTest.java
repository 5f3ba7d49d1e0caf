package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    @Property(tries = 200)
    void agreesWithAHashMap(@ForAll("steps") List<Step> steps) {
        IdIndex index = new IdIndex(4, 10_000);
        Map<UUID, Integer> expected = new HashMap<>();
        int nextSlot = 0;
        for (Step step : steps) {
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
                default -> assertThat(index.get(id)).isEqualTo(expected.getOrDefault(id, IdIndex.ABSENT));
            }
            assertThat(index.size()).isEqualTo(expected.size());
        }
        expected.forEach((id, slot) -> assertThat(index.get(id)).isEqualTo(slot));
        assertThat(index.get(Ids.ZERO)).isEqualTo(IdIndex.ABSENT);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 300))
                .as(Step::new).list().ofMaxSize(600);
    }
}
