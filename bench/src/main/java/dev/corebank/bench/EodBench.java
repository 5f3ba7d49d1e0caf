package dev.corebank.bench;

import dev.corebank.bench.systems.CorebankHttp;
import dev.corebank.bench.systems.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./corebank bench eod}: end of day of N savings accounts on the server as a child process, and the latency of
 * HTTP postings without end of day and while it runs. Steps: open N accounts against {@code savings-standard} and
 * fund each (batch endpoints); wait for every reactor to catch up; post single transfers for the load time and keep
 * their latencies; start end of day and post the same load until it completes; report end of day's time per step
 * and the two p99s. Everything goes to loopback and stops by itself.
 */
final class EodBench {
    static final long OPENING_BALANCE_MINOR = 1_000_000;
    static final long LOAD_BALANCE_MINOR = 1_000_000_000_000L;
    static final long POLL_MILLIS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BenchOptions options;
    private final PrintStream out;

    EodBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run(String commandLine) throws Exception {
        List<String> javaOptions = new ArrayList<>(options.serverJavaOptions());
        javaOptions.add("-Dcorebank.transfers-max=" + Math.max(10_000_000, options.accounts() * 8L));
        try (ServerProcess server = ServerProcess.start(options.serverJar(), javaOptions, options.dataDirectory(),
                Path.of(options.dataDirectory().toString(), "corebank-eod-bench-server.log"))) {
            CorebankHttp http = new CorebankHttp(server);
            out.println(commandLine);
            long loadStarted = System.nanoTime();
            UUID[] load = load(http, options.accounts());
            out.printf("loaded accounts=%d seconds=%.1f%n", options.accounts(), seconds(loadStarted));
            // The read model (projection) and the audit trail would take many minutes to project a million accounts
            // and deposits on a small machine; they are paused for the measurement, which is of end of day and of
            // postings, and resumed at the end. The day book, which end of day reads, runs throughout.
            pause(http, "projection");
            pause(http, "audit");
            awaitReactor(http, "day-book");
            out.printf("day book caught up seconds=%.1f (projection and audit paused)%n", seconds(loadStarted));
            Histogram before = postFor(http, load, options.durationSeconds(), null);
            String date = JSON.readTree(get(http, "/v1/business-date")).get("businessDate").asString();
            AtomicBoolean eodDone = new AtomicBoolean();
            long eodStarted = System.nanoTime();
            HttpResponse<String> started = http.send(http.post("/v1/eod", "{}"));
            if (started.statusCode() != 202) {
                throw new IOException("end of day did not start status=" + started.statusCode() + " body="
                        + started.body());
            }
            Thread watcher = Thread.ofPlatform().start(() -> watch(http, date, eodDone));
            Histogram during = postFor(http, load, 3_600, eodDone);
            watcher.join();
            double eodSeconds = seconds(eodStarted);
            JsonNode status = JSON.readTree(get(http, "/v1/eod/" + date));
            report(status, eodSeconds, before, during);
            awaitReactor(http, "day-book");
            return "COMPLETED".equals(status.get("state").asString()) ? 0 : 1;
        }
    }

    private UUID[] load(CorebankHttp http, int accounts) throws IOException, InterruptedException {
        UUID cash = UUID.nameUUIDFromBytes("gl:USD:cash".getBytes(StandardCharsets.UTF_8));
        UUID[] loadAccounts = {UUID.randomUUID(), UUID.randomUUID()};
        for (int first = 0; first < accounts + 2; first += CorebankHttp.BATCH_ITEMS_MAX) {
            int last = Math.min(accounts + 2, first + CorebankHttp.BATCH_ITEMS_MAX);
            StringBuilder opens = new StringBuilder("[");
            StringBuilder deposits = new StringBuilder("[");
            for (int index = first; index < last; index++) {
                UUID id = index < 2 ? loadAccounts[index] : UUID.nameUUIDFromBytes(("eod-bench:" + index)
                        .getBytes(StandardCharsets.UTF_8));
                String comma = index > first ? "," : "";
                opens.append(comma).append("{\"id\":\"").append(id)
                        .append("\",\"ledger\":\"USD\",\"product\":\"savings-standard\"}");
                deposits.append(comma).append("{\"id\":\"").append(UUID.randomUUID()).append("\",\"debitAccountId\":\"")
                        .append(cash).append("\",\"creditAccountId\":\"").append(id).append("\",\"amount\":")
                        .append(index < 2 ? LOAD_BALANCE_MINOR : OPENING_BALANCE_MINOR)
                        .append(",\"ledger\":\"USD\",\"code\":1001,\"flags\":[]}");
            }
            postBatch(http, "/v1/accounts/batch", opens.append(']').toString());
            postBatch(http, "/v1/transfers/batch", deposits.append(']').toString());
        }
        return loadAccounts;
    }

    private static void postBatch(CorebankHttp http, String path, String body) throws IOException,
            InterruptedException {
        HttpResponse<String> response = http.send(http.post(path, body));
        if (response.statusCode() != 200 || response.body().contains("\"result\":\"") && !allOk(response.body())) {
            throw new IOException("loading failed path=" + path + " status=" + response.statusCode() + " body="
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
    }

    private static boolean allOk(String body) {
        for (JsonNode item : JSON.readTree(body)) {
            String result = item.get("result").asString();
            if (!result.equals("ok") && !result.equals("exists")) {
                return false;
            }
        }
        return true;
    }

    private static void pause(CorebankHttp http, String reactor) throws IOException, InterruptedException {
        HttpResponse<String> paused = http.send(http.post("/v1/admin/reactors/" + reactor + "/pause", ""));
        if (paused.statusCode() != 200) {
            throw new IOException("cannot pause reactor=" + reactor + " status=" + paused.statusCode());
        }
    }

    private static void awaitReactor(CorebankHttp http, String name) throws IOException, InterruptedException {
        while (true) {
            for (JsonNode reactor : JSON.readTree(get(http, "/v1/admin/reactors"))) {
                if (reactor.get("name").asString().equals(name) && reactor.get("lagEntries").asLong() == 0) {
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Single transfers between the two load accounts, from {@code concurrency} threads, until the time or the flag. */
    private Histogram postFor(CorebankHttp http, UUID[] accounts, double secondsMax, AtomicBoolean stop)
            throws InterruptedException {
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long deadline = System.nanoTime() + (long) (secondsMax * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int worker = 0; worker < options.concurrency(); worker++) {
            int direction = worker % 2;
            threads.add(Thread.ofPlatform().start(() -> {
                Histogram own = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                while (System.nanoTime() < deadline && (stop == null || !stop.get())) {
                    String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"debitAccountId\":\"" + accounts[direction]
                            + "\",\"creditAccountId\":\"" + accounts[1 - direction]
                            + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1101,\"flags\":[]}";
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(http.post("/v1/transfers", body));
                        if (response.statusCode() == 201) {
                            own.recordValue(Math.min(own.getHighestTrackableValue(),
                                    (System.nanoTime() - started) / 1_000));
                        }
                    } catch (IOException | InterruptedException failed) {
                        return;
                    }
                }
                synchronized (latencies) {
                    latencies.add(own);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return latencies;
    }

    private static void watch(CorebankHttp http, String date, AtomicBoolean done) {
        try {
            while (true) {
                JsonNode status = JSON.readTree(get(http, "/v1/eod/" + date));
                String state = status.get("state").asString();
                if (!state.equals("RUNNING") && !state.equals("NOT_STARTED")) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException("cannot watch end of day", failed);
        } finally {
            done.set(true);
        }
    }

    private static String get(CorebankHttp http, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(http.post(path, "").uri())
                .header("Authorization", "Bearer " + http.server().adminKey()).header("Accept", "application/json")
                .timeout(CorebankHttp.REQUEST_TIMEOUT).GET().build();
        return http.send(request).body();
    }

    private void report(JsonNode status, double eodSeconds, Histogram before, Histogram during) {
        out.printf("end of day state=%s accounts=%d seconds=%.2f%n", status.get("state").asString(),
                options.accounts(), eodSeconds);
        for (JsonNode step : status.get("steps")) {
            out.printf("  %-26s %8s ms  applied=%d%n", step.get("name").asString(),
                    step.get("durationMillis") == null || step.get("durationMillis").isNull() ? "-"
                            : step.get("durationMillis").asString(), step.get("applied").asLong());
        }
        double p99Before = before.getValueAtPercentile(99) / 1000.0;
        double p99During = during.getValueAtPercentile(99) / 1000.0;
        out.printf("HTTP postings without end of day: count=%d p50=%.2f ms p99=%.2f ms%n", before.getTotalCount(),
                before.getValueAtPercentile(50) / 1000.0, p99Before);
        out.printf("HTTP postings during end of day:  count=%d p50=%.2f ms p99=%.2f ms ratio=%.2f%n",
                during.getTotalCount(), during.getValueAtPercentile(50) / 1000.0, p99During,
                p99Before == 0 ? 0 : p99During / p99Before);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
