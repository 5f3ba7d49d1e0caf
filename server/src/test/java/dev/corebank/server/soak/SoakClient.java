package dev.corebank.server.soak;

import dev.corebank.server.api.ApiClient;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One client thread of the load: transfers, holds, posts and voids of its own holds, and now and then one of its
 * earlier transfers sent again, among the soak accounts, paced to its share of the rate, until it is told to stop or
 * the server stops answering. Every answer goes into the book; a request the kill left without an answer is unknown.
 */
final class SoakClient implements Runnable {
    private static final int AMOUNT_MAX = 1_000;

    private final ApiClient api;
    private final String key;
    private final SoakBook book;
    private final List<UUID> accounts;
    private final int client;
    private final int kill;
    private final SplittableRandom random;
    private final long intervalNanos;
    private final AtomicBoolean stop;
    private final Consumer<Violation> violations;

    SoakClient(ApiClient api, String key, SoakBook book, List<UUID> accounts, int client, int kill,
               SplittableRandom random, long intervalNanos, AtomicBoolean stop, Consumer<Violation> violations) {
        this.api = api;
        this.key = key;
        this.book = book;
        this.accounts = accounts;
        this.client = client;
        this.kill = kill;
        this.random = random;
        this.intervalNanos = intervalNanos;
        this.stop = stop;
        this.violations = violations;
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (!stop.get()) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNanos;
            if (!step()) {
                return;
            }
        }
    }

    /** One request and what its answer means; false once the server no longer answers. */
    private boolean step() {
        int draw = random.nextInt(100);
        if (draw >= 95) {
            SoakBook.Known earlier = book.someKnownOf(client, random);
            if (earlier != null) {
                return repeat(earlier);
            }
        }
        SoakOperation operation = draw < 75 || draw >= 95 ? newTransfer(draw < 60 || draw >= 95) : resolveHold(
                draw < 85);
        SoakSender.Sent sent = SoakSender.send(api, key, operation);
        SoakBook.Known hold = operation.pendingId() == null ? null : book.known(operation.pendingId());
        switch (sent.outcome()) {
            case CREATED -> {
                List<Violation> wrong = SoakChecker.answer(operation, hold == null ? null : hold.operation(),
                        sent.answer());
                wrong.forEach(violations);
                if (wrong.isEmpty()) {
                    book.exists(operation, sent.answer(), sent.position(), SoakBook.How.ACKNOWLEDGED, kill);
                }
            }
            case REJECTED -> book.rejected(operation);
            case UNKNOWN -> {
                book.unknown(operation);
                return !sent.serverGone();
            }
            case EXISTED, CONFLICT, REFUSED -> violations.accept(new Violation("answer", "a new transfer id="
                    + operation.id() + " was answered " + sent.outcome() + ": " + sent.detail()));
        }
        return true;
    }

    /** The same request as an acknowledged one: it must answer 200 with the original, changing nothing. */
    private boolean repeat(SoakBook.Known earlier) {
        SoakSender.Sent sent = SoakSender.send(api, key, earlier.operation());
        switch (sent.outcome()) {
            case EXISTED -> {
                if (sent.answer().sameTransferAs(earlier.answer())) {
                    book.repeatAnswered();
                } else {
                    violations.accept(new Violation("no duplicates (repeat)", "id=" + earlier.operation().id()
                            + " original=" + earlier.answer() + " repeat=" + sent.answer()));
                }
            }
            case UNKNOWN -> {
                book.unknown(earlier.operation());
                return !sent.serverGone();
            }
            default -> violations.accept(new Violation("no duplicates (repeat)", "a transfer that exists id="
                    + earlier.operation().id() + " was answered " + sent.outcome() + " when sent again: "
                    + sent.detail()));
        }
        return true;
    }

    private SoakOperation newTransfer(boolean single) {
        int from = random.nextInt(accounts.size());
        int to = (from + 1 + random.nextInt(accounts.size() - 1)) % accounts.size();
        return new SoakOperation(single ? SoakOperation.Kind.TRANSFER : SoakOperation.Kind.HOLD,
                SoakOperation.idFrom(random), accounts.get(from), accounts.get(to), 1 + random.nextInt(AMOUNT_MAX),
                null, reference(), client);
    }

    /** A post (of all or part) or a void of one of this client's open holds; a new hold when it has none. */
    private SoakOperation resolveHold(boolean post) {
        SoakBook.Known hold = book.takeOpenHold(client, random);
        if (hold == null) {
            return newTransfer(false);
        }
        long held = hold.operation().amount();
        long amount = post && random.nextBoolean() ? 1 + random.nextLong(held) : held;
        return new SoakOperation(post ? SoakOperation.Kind.POST : SoakOperation.Kind.VOID,
                SoakOperation.idFrom(random), hold.operation().debitAccountId(), hold.operation().creditAccountId(),
                amount, hold.operation().id(), reference(), client);
    }

    private String reference() {
        return "soak kill=" + kill + " client=" + client;
    }
}
