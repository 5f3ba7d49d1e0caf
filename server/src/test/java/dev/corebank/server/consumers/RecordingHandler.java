package dev.corebank.server.consumers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test handler whose effect is a list of the event ids it applied, in order, repeats included; it fails every attempt at the ids it is
 * told to, so a test can count the attempts and see the rest of the stream go by.
 */
final class RecordingHandler implements EventHandler {
    private final String name;
    final List<String> applied = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();

    RecordingHandler(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> types() {
        return Set.of("transfer.posted");
    }

    @Override
    public void handle(ReceivedEvent event) {
        if (event.copy() != 0) {
            return;
        }
        attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        if (failing.contains(event.id())) {
            throw new IllegalStateException("the downstream system refuses event=" + event.id());
        }
        applied.add(event.id());
    }

    int attemptsAt(String id) {
        AtomicInteger count = attempts.get(id);
        return count == null ? 0 : count.get();
    }
}
