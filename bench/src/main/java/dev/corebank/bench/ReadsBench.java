package dev.corebank.bench;

import dev.corebank.bench.systems.CorebankHttp;
import dev.corebank.bench.systems.RawHttpClient;
import dev.corebank.bench.systems.ServerProcess;
import dev.corebank.bench.workload.BenchAccounts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./corebank bench reads}: the two reads of issue 13 on the server as a child process. (1) {@code GET
 * /v1/accounts/{id}} over random accounts from {@code --concurrency} keep-alive connections, after a warm-up that lasts
 * until the rate per window is stable; every answer must be 200 with the asked id. (2) One account gets a long history
 * (batches of transfers with the other accounts), the projection is awaited, the whole statement is walked once page by
 * page (which checks order, continuity and the line count, and collects every page's cursor), then pages at random
 * cursors over the whole history are read from {@link #STATEMENT_CONCURRENCY} connections, each checked against the
 * walk. Client and server CPU are reported for both.
 */
final class ReadsBench {
    static final int HISTORY_LINES = 1_000_000;
    static final int HISTORY_LINES_QUICK = 100_000;
    static final int STATEMENT_CONCURRENCY = 4;
    static final double WINDOW_SECONDS = 2;
    static final double WARMUP_MIN_SECONDS = 40;
    static final double WARMUP_MIN_SECONDS_QUICK = 8;
    static final double WARMUP_MAX_SECONDS = 180;
    static final double STABLE_WITHIN = 0.10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BenchOptions options;
    private final PrintStream out;
    private final AtomicLong failures = new AtomicLong();

    ReadsBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run(String commandLine) throws Exception {
        int lines = options.quick() ? HISTORY_LINES_QUICK : HISTORY_LINES;
        List<String> javaOptions = new ArrayList<>(options.serverJavaOptions());
        javaOptions.add("-Dcorebank.transfers-max=" + Math.max(10_000_000, lines * 2L));
        try (ServerProcess server = ServerProcess.start(options.serverJar(), javaOptions, options.dataDirectory(),
                Path.of(options.dataDirectory().toString(), "corebank-reads-bench-server.log"))) {
            CorebankHttp http = new CorebankHttp(server);
            BenchAccounts accounts = new BenchAccounts(options.seed(), options.accounts(),
                    BenchAccounts.OPENING_BALANCE_MINOR_DEFAULT);
            out.println(commandLine);
            http.loadOnce(accounts);
            awaitReactors(http);
            out.printf("opened and funded accounts=%d, reactors caught up%n", accounts.count());
            accountReads(http, accounts, server);
            statementReads(http, accounts, server, lines);
            out.printf("failures=%d%n", failures.get());
            return failures.get() == 0 ? 0 : 1;
        }
    }

    // ---- GET /v1/accounts/{id} ----

    private void accountReads(CorebankHttp http, BenchAccounts accounts, ServerProcess server)
            throws InterruptedException {
        byte[][] requests = new byte[accounts.count()][];
        String[] expectedIds = new String[accounts.count()];
        for (int index = 0; index < accounts.count(); index++) {
            expectedIds[index] = "\"id\":\"" + accounts.id(index) + "\"";
            requests[index] = http.rawGet("/v1/accounts/" + accounts.id(index));
        }
        double warmupMin = options.quick() ? WARMUP_MIN_SECONDS_QUICK : WARMUP_MIN_SECONDS;
        double previous = 0;
        long warmStarted = System.nanoTime();
        while (true) {
            Window window = accountWindow(http, requests, expectedIds, WINDOW_SECONDS);
            double rate = window.count / WINDOW_SECONDS;
            out.printf("  warm-up GET account %,.0f/s%n", rate);
            double elapsed = seconds(warmStarted);
            boolean stable = previous > 0 && Math.abs(rate - previous) <= STABLE_WITHIN * previous;
            if (elapsed >= warmupMin && stable || elapsed >= WARMUP_MAX_SECONDS) {
                break;
            }
            previous = rate;
        }
        CpuUse cpu = CpuUse.start(Optional.of(server.processHandle()));
        Window measured = accountWindow(http, requests, expectedIds, options.durationSeconds());
        String cpuLine = cpu.stop(measured.count);
        out.printf("GET /v1/accounts/{id}: %,.0f/s over %.0f s, connections=%d, p50=%.3f ms p99=%.3f ms "
                        + "p99.9=%.3f ms, failures=%d%n  %s%n", measured.count / options.durationSeconds(),
                options.durationSeconds(), options.concurrency(), millis(measured.latencies, 50),
                millis(measured.latencies, 99), millis(measured.latencies, 99.9), failures.get(),
                cpuLine.replace("per transfer", "per request"));
    }

    private record Window(long count, Histogram latencies) {
    }

    private Window accountWindow(CorebankHttp http, byte[][] requests, String[] expectedIds, double windowSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (windowSeconds * 1e9);
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int worker = 0; worker < options.concurrency(); worker++) {
            threads.add(Thread.ofPlatform().start(() -> {
                Histogram mine = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                long done = 0;
                while (System.nanoTime() < deadline) {
                    int index = ThreadLocalRandom.current().nextInt(requests.length);
                    long sent = System.nanoTime();
                    try {
                        RawHttpClient.Answer answer = http.sendRaw(requests[index]);
                        if (answer.status() != 200 || !answer.body().contains(expectedIds[index])) {
                            fail("account read status=" + answer.status() + " body=" + abbreviate(answer.body()));
                        }
                    } catch (IOException broken) {
                        fail("account read failed " + broken.getMessage());
                    }
                    mine.recordValue(System.nanoTime() - sent);
                    done++;
                }
                count.addAndGet(done);
                synchronized (latencies) {
                    latencies.add(mine);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Window(count.get(), latencies);
    }

    // ---- statements ----

    private void statementReads(CorebankHttp http, BenchAccounts accounts, ServerProcess server, int lines)
            throws Exception {
        UUID account = accounts.id(0);
        long loadStarted = System.nanoTime();
        giveHistory(http, accounts, lines);
        out.printf("history posted lines=%,d seconds=%.1f%n", lines, seconds(loadStarted));
        long projectStarted = System.nanoTime();
        awaitReactors(http);
        out.printf("reactors caught up seconds=%.1f (%,.0f transfers/s)%n", seconds(projectStarted),
                lines / seconds(projectStarted));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String base = "/v1/accounts/" + account + "/statement?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        // The walk: every page once, in order. A statement's lines here are the funding deposit and the history.
        List<String> cursors = new ArrayList<>();
        List<String> firstIds = new ArrayList<>();
        cursors.add(null);
        long walked = 0;
        long lastTimestamp = Long.MIN_VALUE;
        long walkStarted = System.nanoTime();
        Histogram walkLatencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        String cursor = null;
        do {
            long sent = System.nanoTime();
            RawHttpClient.Answer answer = http.sendRaw(http.rawGet(page(base, cursor)));
            walkLatencies.recordValue(System.nanoTime() - sent);
            JsonNode statement = checkedPage(answer, account);
            JsonNode pageLines = statement.get("lines");
            if (pageLines.isEmpty() || pageLines.get(0).get("timestamp").asLong() <= lastTimestamp) {
                fail("statement page does not continue the previous one cursor=" + cursor);
            }
            firstIds.add(pageLines.isEmpty() ? "" : pageLines.get(0).get("transferId").asString());
            lastTimestamp = pageLines.isEmpty() ? lastTimestamp
                    : pageLines.get(pageLines.size() - 1).get("timestamp").asLong();
            walked += pageLines.size();
            JsonNode next = statement.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null);
        if (walked != lines + 1L) {
            fail("statement walk lines=" + walked + " expected=" + (lines + 1L));
        }
        out.printf("statement walked lines=%,d pages=%d seconds=%.1f, one connection: p50=%.2f ms p99=%.2f ms%n",
                walked, cursors.size(), seconds(walkStarted), millis(walkLatencies, 50), millis(walkLatencies, 99));
        // Random pages over the whole history, each checked against the walk.
        CpuUse cpu = CpuUse.start(Optional.of(server.processHandle()));
        long deadline = System.nanoTime() + (long) (options.durationSeconds() * 1e9);
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        List<Thread> threads = new ArrayList<>();
        for (int worker = 0; worker < STATEMENT_CONCURRENCY; worker++) {
            threads.add(Thread.ofPlatform().start(() -> {
                Histogram mine = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                while (System.nanoTime() < deadline) {
                    int at = ThreadLocalRandom.current().nextInt(cursors.size());
                    long sent = System.nanoTime();
                    try {
                        RawHttpClient.Answer answer = http.sendRaw(http.rawGet(page(base, cursors.get(at))));
                        mine.recordValue(System.nanoTime() - sent);
                        JsonNode pageLines = checkedPage(answer, account).get("lines");
                        if (pageLines.isEmpty()
                                || !pageLines.get(0).get("transferId").asString().equals(firstIds.get(at))) {
                            fail("statement page differs from the walk page=" + at);
                        }
                    } catch (IOException | RuntimeException broken) {
                        fail("statement read failed " + broken.getMessage());
                    }
                }
                synchronized (latencies) {
                    latencies.add(mine);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long pages = latencies.getTotalCount();
        out.printf("statement pages (limit 500, random cursors over %,d lines): %,.0f pages/s, connections=%d, "
                        + "p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.2f ms%n  %s%n", walked,
                pages / options.durationSeconds(), STATEMENT_CONCURRENCY, millis(latencies, 50), millis(latencies, 99),
                millis(latencies, 99.9), latencies.getMaxValue() / 1e6,
                cpu.stop(pages).replace("per transfer", "per page"));
    }

    private static String page(String base, String cursor) {
        return cursor == null ? base : base + "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    /** Parses a page and checks what a page alone can show: 200, the account, at most 500 lines, in order. */
    private JsonNode checkedPage(RawHttpClient.Answer answer, UUID account) {
        if (answer.status() != 200) {
            fail("statement status=" + answer.status() + " body=" + abbreviate(answer.body()));
            return JSON.readTree("{\"lines\":[]}");
        }
        JsonNode statement = JSON.readTree(answer.body());
        if (!statement.get("accountId").asString().equals(account.toString())) {
            fail("statement of another account " + statement.get("accountId"));
        }
        JsonNode pageLines = statement.get("lines");
        if (pageLines.size() > 500) {
            fail("statement page over its limit lines=" + pageLines.size());
        }
        long previous = Long.MIN_VALUE;
        for (JsonNode line : pageLines) {
            long timestamp = line.get("timestamp").asLong();
            if (timestamp <= previous) {
                fail("statement lines out of order");
            }
            if (line.get("debitAmount").asLong() == 0 && line.get("creditAmount").asLong() == 0) {
                fail("statement line moves nothing on the account");
            }
            previous = timestamp;
        }
        return statement;
    }

    /** Transfers of 1 between account 0 and the others, alternately debit and credit, in full batches. */
    private void giveHistory(CorebankHttp http, BenchAccounts accounts, int lines) throws IOException,
            InterruptedException {
        long reported = System.nanoTime();
        for (int first = 0; first < lines; first += CorebankHttp.BATCH_ITEMS_MAX) {
            int last = Math.min(lines, first + CorebankHttp.BATCH_ITEMS_MAX);
            StringBuilder json = new StringBuilder((last - first) * 230).append('[');
            for (int index = first; index < last; index++) {
                String other = accounts.id(1 + index % (accounts.count() - 1)).toString();
                String hot = accounts.id(0).toString();
                boolean debit = index % 2 == 0;
                json.append(index > first ? "," : "").append("{\"id\":\"")
                        .append(UUID.nameUUIDFromBytes(("reads-bench:" + options.seed() + ":" + index)
                                .getBytes(StandardCharsets.UTF_8)))
                        .append("\",\"debitAccountId\":\"").append(debit ? hot : other)
                        .append("\",\"creditAccountId\":\"").append(debit ? other : hot)
                        .append("\",\"amount\":1,\"ledger\":\"").append(BenchAccounts.LEDGER).append("\",\"code\":")
                        .append(BenchAccounts.CUSTOMER_TRANSFER_CODE).append(",\"flags\":[]}");
            }
            HttpResponse<String> response = http.send(http.post("/v1/transfers/batch", json.append(']').toString()));
            String[] results = response.statusCode() == 200
                    ? CorebankHttp.batchResults(response.body(), last - first) : new String[0];
            for (String result : results) {
                if (!CorebankHttp.isOk(result)) {
                    throw new IOException("history transfer refused result=" + result);
                }
            }
            if (response.statusCode() != 200) {
                throw new IOException("history batch status=" + response.statusCode());
            }
            if (seconds(reported) >= 5) {
                out.printf("  posted %,d of %,d%n", last, lines);
                reported = System.nanoTime();
            }
        }
    }

    /**
     * Waits until every reactor that is not paused has read the whole journal: the projection, and also the audit
     * trail, the business-event log and the others, so that no catching-up shares the cores with the reads measured.
     */
    private void awaitReactors(CorebankHttp http) throws IOException, InterruptedException {
        long reported = System.nanoTime();
        while (true) {
            long lag = 0;
            StringBuilder behind = new StringBuilder();
            for (JsonNode reactor : JSON.readTree(get(http, "/v1/admin/reactors"))) {
                long entries = reactor.get("lagEntries").asLong();
                if (entries > 0 && !"PAUSED".equals(reactor.get("state").asString())) {
                    lag += entries;
                    behind.append(' ').append(reactor.get("name").asString()).append('=').append(entries);
                }
            }
            if (lag == 0) {
                return;
            }
            if (seconds(reported) >= 10) {
                out.printf("  reactors behind, entries:%s%n", behind);
                reported = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** A GET on this thread's connection; once more on a fresh one if the server closed an idle connection. */
    private static String get(CorebankHttp http, String path) throws IOException {
        RawHttpClient.Answer answer;
        try {
            answer = http.sendRaw(http.rawGet(path));
        } catch (IOException closedWhileIdle) {
            answer = http.sendRaw(http.rawGet(path));
        }
        if (answer.status() != 200) {
            throw new IOException("GET failed path=" + path + " status=" + answer.status());
        }
        return answer.body();
    }

    private void fail(String message) {
        if (failures.incrementAndGet() <= 10) {
            out.println("FAILED " + message);
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
