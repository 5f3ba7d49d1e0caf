package dev.corebank.server.soak;

import static org.awaitility.Awaitility.await;

import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kill -9 soak: the real server, as its own process, under HTTP load from a few client threads, killed with
 * SIGKILL at a random moment and started again on the same data directory, over and over; now and then it is killed
 * while it starts instead. After every start that reaches ready, the requests the kill left without an answer are
 * sent again with the same ids (each must come back as the original or be applied once), and then
 * {@link SoakCheckpoint} checks that every acknowledged transfer was recovered, that nothing is there twice, that the
 * money is conserved, that the read model equals the engine and that the audit trail is complete. The first
 * violation stops it, naming the seed, the kill, the check and the evidence, and keeps the data directory.
 *
 * <p>A seeded {@link SplittableRandom} decides the accounts, each client's operations and the kill moments; the
 * scheduler decides how the clients interleave and where exactly a kill lands, so a seed repeats the plan, not the
 * run. Two callers: {@code ./corebank soak} (this class's {@link #main}) and {@code KillSoakTest}.
 */
public final class KillSoak {
    static final String ADMIN_KEY = "soak-admin-key-0123456789abcdef";
    static final int ACCOUNTS = 16;
    static final long FUNDING_PER_ACCOUNT_MINOR = 10_000_000;
    static final int START_UP_KILL_ONE_IN = 10;
    static final double LOAD_SECONDS_MIN = 0.3;
    static final double LOAD_SECONDS_MAX = 4.0;
    static final int SUMMARY_EVERY_KILLS = 50;
    static final int SERVER_LOGS_KEPT = 10;
    private static final Duration READY_MAX = Duration.ofMinutes(5);
    private static final Duration RESOLVE_MAX = Duration.ofSeconds(60);
    private static final Duration CLIENT_STOP_MAX = Duration.ofSeconds(90);

    /**
     * How a soak ended.
     *
     * @param failure the violation or error that stopped it; null when it passed
     */
    public record Result(boolean passed, String failure, int kills, int killsInStartUp, int restarts,
                         long acknowledged, long transfersChecked, long auditEntriesChecked, long verifications,
                         String summary) {
    }

    /** A violation or an error that stops the soak. */
    private static final class Stop extends Exception {
        Stop(String message) {
            super(message);
        }
    }

    private final SoakOptions options;
    private final Path data;
    /** The runtime's line for a reactor repaired by its check at start (ReactorWorker). */
    private static final Pattern START_REPAIR = Pattern.compile("reactor repaired at start;.*?reactor=([\\w-]+)");
    private static final Pattern DATABASE_COPIED = Pattern.compile(
            "embedded database was copied into a fresh file databaseBytes=(\\d+).*?scriptMillis=(\\d+) loadMillis=(\\d+)");

    private final Path logs;
    private final Map<String, String> environment = Map.of("COREBANK_ADMIN_KEY", ADMIN_KEY);
    private final SplittableRandom plan;
    private final List<UUID> accounts = new ArrayList<>();
    private final SoakBook book;
    private final SoakCheckpoint checkpoint;
    private final SoakStats stats = new SoakStats();
    private ServerLauncher launcher;
    private ServerProcess server;
    private ApiClient api;
    private int serverRuns;
    private int kill;
    private String beforeThisKill = "";

    private KillSoak(SoakOptions options) {
        this.options = options;
        this.data = options.work().resolve("data");
        this.logs = options.work().resolve("logs");
        this.plan = new SplittableRandom(options.seed());
        for (int index = 0; index < ACCOUNTS; index++) {
            accounts.add(UUID.nameUUIDFromBytes(("soak:" + options.seed() + ":account:" + index)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        this.book = new SoakBook(ChartOfAccounts.id("USD", ChartOfAccounts.GlAccount.CASH), accounts);
        this.checkpoint = new SoakCheckpoint(plan.split(), LocalDate.now(ZoneOffset.UTC));
    }

    public static Result run(SoakOptions options) throws IOException, InterruptedException {
        return new KillSoak(options).run();
    }

    private Result run() throws IOException, InterruptedException {
        Files.createDirectories(logs);
        say("seed=" + options.seed() + " kills=" + options.kills() + " clients=" + options.clients() + " rate="
                + options.ratePerSecond() + "/s work=" + options.work() + " (replay the plan with --seed "
                + options.seed() + ")");
        String failure = null;
        try {
            launcher = ServerLauncher.prepare(options.aot(), options.work(), environment, this::say);
            say("server start: " + launcher.description());
            setUp();
            while (kill < options.kills()) {
                nextKill();
            }
            finish();
        } catch (Stop stopped) {
            failure = stopped.getMessage();
        } catch (RuntimeException | IOException failed) {
            failure = "error at kill=" + kill + " seed=" + options.seed() + ": " + failed;
            failed.printStackTrace();
        } finally {
            // Only a soak that stopped early gets here with a server up: a kill keeps its data as it was found.
            if (server != null) {
                endServer(true);
            }
        }
        String verdict = failure == null ? "PASS: no violation in " + stats.kills() + " kills"
                : "FAIL: " + failure + " (data directory kept: " + data + ")";
        String summary = writeSummary(verdict);
        return new Result(failure == null, failure, stats.kills(), stats.killsInStartUp(), stats.restarts(),
                book.count(SoakBook.How.ACKNOWLEDGED), checkpoint.transfersChecked(),
                checkpoint.auditEntriesChecked(), checkpoint.verifications(), summary);
    }

    /** The first start on an empty data directory: the soak accounts, opened and funded by deposits, then checked. */
    private void setUp() throws IOException, InterruptedException, Stop {
        long launched = System.nanoTime();
        startServer("--no-demo");
        awaitReady(launched);
        stats.firstStart(millisSince(launched));
        for (int index = 0; index < ACCOUNTS; index++) {
            ApiClient.Response opened = api.post("/v1/accounts", ADMIN_KEY, """
                    {"id":"%s","ledger":"USD","type":"LIABILITY","code":2001,"flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],
                     "name":"soak %d","customerId":"SOAK-%d"}""".formatted(accounts.get(index), index, index));
            if (opened.status() != 201) {
                throw new Stop("opening soak account " + index + " answered " + opened);
            }
            SoakOperation deposit = new SoakOperation(SoakOperation.Kind.DEPOSIT, SoakOperation.idFrom(plan),
                    book.cashAccountId(), accounts.get(index), FUNDING_PER_ACCOUNT_MINOR, null, "soak funding", -1);
            SoakSender.Sent sent = SoakSender.send(api, ADMIN_KEY, deposit);
            if (sent.outcome() != SoakSender.Outcome.CREATED) {
                throw new Stop("funding soak account " + index + " answered " + sent.detail());
            }
            requireNone("set-up", SoakChecker.answer(deposit, null, sent.answer()));
            book.exists(deposit, sent.answer(), sent.position(), SoakBook.How.ACKNOWLEDGED, 0);
        }
        requireNone("set-up", checkpoint.check(new SoakReads(api, ADMIN_KEY), book, accounts));
        beforeThisKill = "first start " + stats.typicalStartMillis() + " ms, checks ok";
        say("set up: " + ACCOUNTS + " accounts funded with " + FUNDING_PER_ACCOUNT_MINOR + " each; first start "
                + stats.typicalStartMillis() + " ms; checks ok");
    }

    /**
     * One kill: a server that is down is started first (and that start is the kill's target one time in ten); a
     * server that is up is put under load and killed at a drawn moment.
     */
    private void nextKill() throws IOException, InterruptedException, Stop {
        boolean inStartUp = plan.nextInt(START_UP_KILL_ONE_IN) == 0;
        double startUpShare = plan.nextDouble(0.05, 0.95);
        double loadSeconds = plan.nextDouble(LOAD_SECONDS_MIN, LOAD_SECONDS_MAX);
        List<SplittableRandom> clients = new ArrayList<>();
        for (int client = 0; client < options.clients(); client++) {
            clients.add(plan.split());
        }
        if (server == null) {
            long launched = System.nanoTime();
            startServer();
            if (inStartUp) {
                long aimMillis = Math.max(1, (long) (stats.typicalStartMillis() * startUpShare));
                if (!server.awaitReady(Duration.ofMillis(aimMillis))) {
                    kill++;
                    endServer(true);
                    stats.killedInStartUp();
                    say(String.format(Locale.ROOT, "kill %d/%d during start-up at %.2f s: acknowledged=%d",
                            kill, options.kills(), aimMillis / 1e3, book.count(SoakBook.How.ACKNOWLEDGED)));
                    progress();
                    return;
                }
                stats.startUpDrawTooLate();
            }
            awaitReady(launched);
            long restart = millisSince(launched);
            stats.restart(restart);
            String resolved = resolveUnknown();
            requireNone("after kill " + kill, checkpoint.check(new SoakReads(api, ADMIN_KEY), book, accounts));
            beforeThisKill = "restart " + restart + " ms, " + resolved + ", ok " + checkpoint.lastTimings();
        }
        loadAndKill(loadSeconds, clients);
    }

    private void loadAndKill(double loadSeconds, List<SplittableRandom> randoms) throws InterruptedException, Stop,
            IOException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Violation> violations = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch violated = new CountDownLatch(1);
        long intervalNanos = (long) (options.clients() * 1e9 / options.ratePerSecond());
        int acknowledgedBefore = book.count(SoakBook.How.ACKNOWLEDGED);
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < randoms.size(); client++) {
            SoakClient load = new SoakClient(api, ADMIN_KEY, book, accounts, client, kill, randoms.get(client),
                    intervalNanos, stop, violation -> {
                        violations.add(violation);
                        violated.countDown();
                    });
            threads.add(Thread.ofPlatform().name("soak-client-" + client).start(load));
        }
        // The kill moment: the drawn time under load, or at once when a client saw a violation.
        violated.await((long) (loadSeconds * 1e9), TimeUnit.NANOSECONDS);
        // The clients stop sending first, so a request counted unknown is one the kill caught, not one sent after it.
        stop.set(true);
        kill++;
        endServer(true);
        for (Thread thread : threads) {
            if (!thread.join(CLIENT_STOP_MAX)) {
                throw new Stop("client " + thread.getName() + " did not stop after the kill=" + kill);
            }
        }
        requireNone("under load before kill " + kill, List.copyOf(violations));
        stats.killedUnderLoad();
        say(String.format(Locale.ROOT, "kill %d/%d under load at %.2f s: acknowledged=%d (+%d) unknown=%d | before"
                        + " it: %s", kill, options.kills(), loadSeconds, book.count(SoakBook.How.ACKNOWLEDGED),
                book.count(SoakBook.How.ACKNOWLEDGED) - acknowledgedBefore, book.unknownPending(), beforeThisKill));
        progress();
    }

    /**
     * Sends every request a kill left without an answer again, with the same id, until it answers: a transfer the
     * soak knew to exist must come back as the original; any other must come back as the original (it was applied
     * before the kill), be applied now, or be refused; never twice.
     */
    private String resolveUnknown() throws Stop {
        List<SoakOperation> unknown = book.takeUnknown();
        int existed = 0;
        int applied = 0;
        int refused = 0;
        int repeats = 0;
        for (SoakOperation operation : unknown) {
            SoakSender.Sent[] answer = new SoakSender.Sent[1];
            await("an answer to the retry of " + operation.id()).atMost(RESOLVE_MAX)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        answer[0] = SoakSender.send(api, ADMIN_KEY, operation);
                        return answer[0].outcome() != SoakSender.Outcome.UNKNOWN;
                    });
            SoakSender.Sent sent = answer[0];
            SoakBook.Known already = book.known(operation.id());
            SoakBook.Known hold = operation.pendingId() == null ? null : book.known(operation.pendingId());
            if (already != null) {
                if (sent.outcome() != SoakSender.Outcome.EXISTED || !sent.answer().sameTransferAs(already.answer())) {
                    throw violation("no duplicates (retry)", "a transfer known to exist id=" + operation.id()
                            + " original=" + already.answer() + " was answered " + sent.detail());
                }
                book.unknownRepeatAnswered();
                repeats++;
                continue;
            }
            switch (sent.outcome()) {
                case CREATED, EXISTED -> {
                    requireNone("retry after kill " + kill, SoakChecker.answer(operation,
                            hold == null ? null : hold.operation(), sent.answer()));
                    boolean created = sent.outcome() == SoakSender.Outcome.CREATED;
                    book.exists(operation, sent.answer(), created ? sent.position() : -1,
                            created ? SoakBook.How.APPLIED_ON_RETRY : SoakBook.How.EXISTED_ON_RETRY, kill);
                    existed += created ? 0 : 1;
                    applied += created ? 1 : 0;
                }
                case REJECTED -> {
                    book.rejectedOnRetry(operation);
                    refused++;
                }
                default -> throw violation("no duplicates (retry)", "the retry of id=" + operation.id()
                        + " was answered " + sent.detail());
            }
        }
        return "unknown resolved " + unknown.size() + " (existed " + existed + ", applied " + applied + ", refused "
                + refused + ", repeats " + repeats + ")";
    }

    /** The last start, to ready, its unknown requests resolved and checked; then a graceful stop. */
    private void finish() throws IOException, InterruptedException, Stop {
        if (server == null) {
            long launched = System.nanoTime();
            startServer();
            awaitReady(launched);
            stats.restart(millisSince(launched));
            String resolved = resolveUnknown();
            requireNone("after kill " + kill, checkpoint.check(new SoakReads(api, ADMIN_KEY), book, accounts));
            say("final start: " + resolved + ", ok " + checkpoint.lastTimings());
        }
        endServer(false);
    }

    private void startServer(String... arguments) throws IOException {
        server = launcher.launch(data, environment, arguments);
        serverRuns++;
    }

    private void awaitReady(long launchedNanos) throws InterruptedException, Stop {
        if (!server.awaitReady(READY_MAX)) {
            throw new Stop("the server was not ready " + READY_MAX.toSeconds() + " s after its start kill=" + kill
                    + " seed=" + options.seed() + " (launched " + millisSince(launchedNanos) + " ms ago)");
        }
        if (api != null) {
            api.shutdownNow();
        }
        api = new ApiClient(server.baseUrl());
    }

    /** SIGKILL ({@code killed}) or a graceful stop; the CPU it used is counted and its log kept. */
    private void endServer(boolean killed) throws InterruptedException, IOException {
        stats.serverCpu(server.cpu());
        if (killed) {
            server.kill();
        } else {
            server.stop();
        }
        keepLog(server, serverRuns);
        server = null;
    }

    /** Each server run's log in the work directory; only the last few, since a long soak makes thousands. */
    private void keepLog(ServerProcess ended, int run) throws IOException {
        List<String> output = ended.output();
        countStartRepairs(output, run);
        Files.write(logs.resolve(String.format(Locale.ROOT, "server-%05d.log", run)), output);
        Files.deleteIfExists(logs.resolve(String.format(Locale.ROOT, "server-%05d.log", run - SERVER_LOGS_KEPT)));
    }

    /**
     * A reactor that found its effect out of step with the journal at start and repaired it (the embedded database
     * came back from the kill with part of a transaction) is not a violation, since the checks after it still hold,
     * but it is counted and said, so the summary shows how often it happened. So is each copy of the embedded database
     * after an unclean stop, with its time.
     */
    private void countStartRepairs(List<String> output, int run) {
        for (String line : output) {
            Matcher repair = START_REPAIR.matcher(line);
            if (repair.find()) {
                stats.startRepair(repair.group(1));
                say("server run " + run + ": reactor " + repair.group(1) + " repaired at start (kill " + kill + ")");
            }
            Matcher copied = DATABASE_COPIED.matcher(line);
            if (copied.find()) {
                stats.databaseCopied(Long.parseLong(copied.group(1)),
                        Long.parseLong(copied.group(2)) + Long.parseLong(copied.group(3)));
            }
        }
    }

    private void progress() throws IOException {
        if (kill % SUMMARY_EVERY_KILLS == 0) {
            writeSummary("RUNNING: no violation so far, at kill " + kill + " of " + options.kills() + " ("
                    + Instant.now() + ")");
        }
    }

    private String writeSummary(String verdict) throws IOException {
        String summary = stats.summary(options, launcher == null ? "not started" : launcher.description(), book,
                checkpoint, verdict);
        Files.writeString(options.work().resolve("summary.txt"), summary + "\n");
        return summary;
    }

    private void requireNone(String when, List<Violation> violations) throws Stop {
        if (!violations.isEmpty()) {
            Violation first = violations.getFirst();
            throw violation(first.check(), first.evidence() + (violations.size() > 1 ? " (and "
                    + (violations.size() - 1) + " more: " + violations.subList(1, violations.size()) + ")" : "")
                    + " [" + when + "]");
        }
    }

    private Stop violation(String check, String evidence) {
        return new Stop("VIOLATION seed=" + options.seed() + " kill=" + kill + " check=\"" + check + "\" evidence: "
                + evidence);
    }

    private void say(String line) {
        options.progress().accept(Instant.now() + " soak: " + line);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * {@code ./corebank soak --kills N [--seed S] [--clients C] [--rate PER_SECOND] [--aot auto|on|off] [--work DIR]}:
     * progress on stderr, the summary on stdout and in {@code DIR/summary.txt}; exits 1 on a violation, 2 on bad
     * arguments.
     */
    public static void main(String[] arguments) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(arguments, System.err::println);
        } catch (IllegalArgumentException invalid) {
            System.err.println("corebank soak: " + invalid.getMessage());
            System.err.println(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        Result result = run(options);
        System.out.println(result.summary());
        System.exit(result.passed() ? 0 : 1);
    }
}
