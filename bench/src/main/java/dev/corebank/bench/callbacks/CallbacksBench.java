package dev.corebank.bench.callbacks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.corebank.bench.BenchOptions;
import dev.corebank.bench.systems.ServerProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code ./corebank bench callbacks}: the two numbers of fire and forget, each beside a same-run baseline.
 *
 * <ol>
 *   <li><b>Import end to end</b> (run second, after the reactors caught up). A file of N transfers (1,000,000; 100,000 with --quick) is POSTed to
 *       /v1/transfer-imports, and the clock runs from the first byte sent to the status resource's 303. Baseline: the
 *       same number of transfers sent as POST /v1/transfers/batch requests of 8189, one after the other, to the same
 *       server.</li>
 *   <li><b>Signed webhook deliveries per second.</b> A subscription for the payee's transfer.posted events points at a
 *       receiver in this process (JDK HttpServer on loopback) that checks every signature; an import of M transfers
 *       (50,000; 10,000 with --quick) makes M events, and the rate is M over the time from the first delivery to the
 *       last. Baseline: the same M bodies POSTed by this process straight to the same receiver, 64 at a time (the
 *       dispatcher's senders-max), unsigned: what the receiver and loopback allow.</li>
 * </ol>
 * The server is the server jar as a child process on 127.0.0.1 with its defaults, plus
 * corebank.webhooks.allowed-hosts=127.0.0.1/32 so it may deliver to loopback.
 */
public final class CallbacksBench {
    static final int IMPORT_TRANSFERS = 1_000_000;
    static final int IMPORT_TRANSFERS_QUICK = 100_000;
    static final int DELIVERIES = 50_000;
    static final int DELIVERIES_QUICK = 10_000;
    static final int BATCH = 8189;
    static final int BASELINE_SENDERS = 64;
    private static final Duration WAIT_MAX = Duration.ofMinutes(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BenchOptions options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public CallbacksBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public int run(String commandLine) throws Exception {
        int transfers = options.quick() ? IMPORT_TRANSFERS_QUICK : IMPORT_TRANSFERS;
        int deliveries = options.quick() ? DELIVERIES_QUICK : DELIVERIES;
        out.println(commandLine);
        out.printf("machine: %d cores, %s, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path work = Files.createDirectories(options.dataDirectory()).resolve("corebank-bench-callbacks");
        Files.createDirectories(work);
        List<String> javaOptions = new ArrayList<>(options.serverJavaOptions());
        javaOptions.add("-Dcorebank.webhooks.allowed-hosts=127.0.0.1/32");
        try (Receiver receiver = new Receiver();
             ServerProcess server = ServerProcess.start(options.serverJar(), javaOptions, work,
                     work.resolve("server.log"))) {
            Api api = new Api(http, server.baseUri(), server.adminKey());
            UUID payer = api.openAccount("ASSET");
            UUID payee = api.openAccount("LIABILITY");

            // Deliveries first, on a fresh server: nothing else is catching up in its database meanwhile.
            String secret = api.subscribe(receiver.url(), payee);
            receiver.expect(secret, deliveries);
            Path small = work.resolve("deliveries.ndjson");
            writeImport(small, deliveries, payer, payee);
            api.importAndWait(small);
            if (!receiver.awaitAll(WAIT_MAX)) {
                out.printf("deliveries: only %,d of %,d arrived within %s%n", receiver.verified(), deliveries,
                        WAIT_MAX);
                return 1;
            }
            double deliverySeconds = receiver.spanSeconds();
            List<byte[]> bodies = receiver.bodies();
            double baselineSeconds = receiver.baseline(http, bodies);
            out.printf("signed deliveries, %,d verified (bad signatures %d):  %,.0f /s  (%.2f s first to last)%n",
                    deliveries, receiver.badSignatures(), deliveries / deliverySeconds, deliverySeconds);
            out.printf("baseline, unsigned POSTs from the bench, %d at a time: %,.0f /s; corebank/baseline %.2f%n",
                    BASELINE_SENDERS, bodies.size() / baselineSeconds,
                    (deliveries / deliverySeconds) / (bodies.size() / baselineSeconds));
            out.printf("goal deliveries >= 5,000/s: %s%n", deliveries / deliverySeconds >= 5_000 ? "met" : "NOT met");
            api.deleteSubscriptions();

            // The import, and the same transfers as batch requests, each after the reactors have caught up.
            Path file = work.resolve("import.ndjson");
            writeImport(file, transfers, payer, payee);
            out.printf("reactors caught up after %.1f s%n", api.awaitReactorsCaughtUp());
            double importSeconds = api.importAndWait(file);
            out.printf("reactors caught up after %.1f s%n", api.awaitReactorsCaughtUp());
            double batchSeconds = api.sendBatches(transfers, payer, payee);
            out.printf("import of %,d transfers, end to end:   %.2f s  (%,.0f transfers/s)%n", transfers,
                    importSeconds, transfers / importSeconds);
            out.printf("baseline, POST /v1/transfers/batch x %d: %.2f s  (%,.0f transfers/s); import/baseline time"
                    + " %.2f%n", (transfers + BATCH - 1) / BATCH, batchSeconds, transfers / batchSeconds,
                    importSeconds / batchSeconds);
            out.printf("goal import <= 10 s: %s%n", importSeconds <= 10 ? "met" : "NOT met");
            return receiver.badSignatures() == 0 ? 0 : 1;
        }
    }

    private static void writeImport(Path file, int count, UUID payer, UUID payee) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int index = 0; index < count; index++) {
                writer.write("{\"id\":\"" + UUID.randomUUID() + "\",\"debitAccountId\":\"" + payer
                        + "\",\"creditAccountId\":\"" + payee + "\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}\n");
            }
        }
    }

    /** The few calls the benchmark makes to the server. */
    private record Api(HttpClient http, URI base, String key) {
        UUID openAccount(String type) throws IOException, InterruptedException {
            JsonNode opened = send("POST", "/v1/accounts", "{\"ledger\":\"USD\",\"type\":\"" + type
                    + "\",\"code\":1}", 201);
            return UUID.fromString(opened.path("id").asString());
        }

        String subscribe(String url, UUID account) throws IOException, InterruptedException {
            return send("POST", "/v1/webhooks", "{\"url\":\"" + url + "\",\"eventTypes\":[\"transfer.posted\"],"
                    + "\"accountId\":\"" + account + "\"}", 201).path("secret").asString();
        }

        /** Deletes every subscription of the bench's key, so the import runs without webhooks. */
        void deleteSubscriptions() throws IOException, InterruptedException {
            for (JsonNode subscription : send("GET", "/v1/webhooks", "", 200)) {
                HttpResponse<String> deleted = http.send(request("/v1/webhooks/" + subscription.path("id").asString())
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                if (deleted.statusCode() != 204) {
                    throw new IOException("delete answered " + deleted.statusCode() + " " + deleted.body());
                }
            }
        }

        /** Waits until every reactor has applied the whole journal; seconds waited. */
        double awaitReactorsCaughtUp() throws IOException, InterruptedException {
            long started = System.nanoTime();
            long deadline = started + WAIT_MAX.toNanos();
            while (System.nanoTime() < deadline) {
                boolean caughtUp = true;
                for (JsonNode reactor : send("GET", "/v1/admin/reactors", "", 200)) {
                    caughtUp &= reactor.path("lagEntries").asLong() == 0;
                }
                if (caughtUp) {
                    return (System.nanoTime() - started) / 1e9;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            throw new IOException("reactors did not catch up within " + WAIT_MAX);
        }

        /** Uploads the file and polls the operation until its 303; seconds from the upload's start. */
        double importAndWait(Path file) throws IOException, InterruptedException {
            long started = System.nanoTime();
            HttpResponse<String> accepted = http.send(request("/v1/transfer-imports")
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IOException("import refused " + accepted.statusCode() + " " + accepted.body());
            }
            String location = accepted.headers().firstValue("Location").orElseThrow();
            long deadline = System.nanoTime() + WAIT_MAX.toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> status = http.send(request(location).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 303) {
                    JsonNode done = JSON.readTree(status.body());
                    if (done.path("linesFailed").asLong() != 0) {
                        throw new IOException("import lines failed " + status.body());
                    }
                    return (System.nanoTime() - started) / 1e9;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            throw new IOException("import did not finish within " + WAIT_MAX);
        }

        /** The same number of transfers as batch requests of 8189, one after another; seconds. */
        double sendBatches(int count, UUID payer, UUID payee) throws IOException, InterruptedException {
            long started = System.nanoTime();
            for (int sent = 0; sent < count; sent += BATCH) {
                StringBuilder batch = new StringBuilder("[");
                for (int index = sent; index < Math.min(count, sent + BATCH); index++) {
                    if (index > sent) {
                        batch.append(',');
                    }
                    batch.append("{\"id\":\"").append(UUID.randomUUID()).append("\",\"debitAccountId\":\"")
                            .append(payer).append("\",\"creditAccountId\":\"").append(payee)
                            .append("\",\"amount\":1,\"ledger\":\"USD\",\"code\":1}");
                }
                send("POST", "/v1/transfers/batch", batch.append(']').toString(), 200);
            }
            return (System.nanoTime() - started) / 1e9;
        }

        private JsonNode send(String method, String path, String body, int expected)
                throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IOException(method + " " + path + " answered " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + key);
        }
    }

    /** A receiver on loopback that checks every signature, as a client's would, and counts what it got. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final AtomicLong verified = new AtomicLong();
        private final AtomicLong bad = new AtomicLong();
        private final AtomicLong firstNanos = new AtomicLong();
        private final AtomicLong lastNanos = new AtomicLong();
        private final List<byte[]> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(1);
        private volatile byte[] key;
        private volatile long expected = Long.MAX_VALUE;
        private volatile boolean baseline;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    if (!baseline) {
                        count(exchange.getRequestHeaders().getFirst("webhook-id"),
                                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                                exchange.getRequestHeaders().getFirst("webhook-signature"), body);
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        void expect(String secret, long count) {
            key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            expected = count;
        }

        private void count(String id, String timestamp, String header, byte[] body) {
            long now = System.nanoTime();
            firstNanos.compareAndSet(0, now);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
                byte[] expectedSignature = mac.doFinal(body);
                boolean ok = false;
                for (String signature : header.split(" ")) {
                    ok |= signature.startsWith("v1,") && MessageDigest.isEqual(expectedSignature,
                            Base64.getDecoder().decode(signature.substring(3)));
                }
                (ok ? verified : bad).incrementAndGet();
            } catch (GeneralSecurityException | RuntimeException unreadable) {
                bad.incrementAndGet();
            }
            if (bodies.size() < expected) {
                bodies.add(body);
            }
            lastNanos.set(now);
            if (verified.get() + bad.get() >= expected) {
                all.countDown();
            }
        }

        boolean awaitAll(Duration wait) throws InterruptedException {
            return all.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        long verified() {
            return verified.get();
        }

        long badSignatures() {
            return bad.get();
        }

        double spanSeconds() {
            return (lastNanos.get() - firstNanos.get()) / 1e9;
        }

        List<byte[]> bodies() {
            return List.copyOf(bodies);
        }

        /** POSTs the bodies to this receiver, BASELINE_SENDERS at a time, unsigned; seconds. */
        double baseline(HttpClient http, List<byte[]> payloads) throws InterruptedException {
            baseline = true;
            Semaphore inFlight = new Semaphore(BASELINE_SENDERS);
            long started = System.nanoTime();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (byte[] payload : payloads) {
                    inFlight.acquire();
                    senders.execute(() -> {
                        try {
                            http.send(HttpRequest.newBuilder(URI.create(url())).header("Content-Type",
                                    "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                                    .build(), HttpResponse.BodyHandlers.discarding());
                        } catch (IOException | InterruptedException failed) {
                            throw new IllegalStateException(failed);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            return (System.nanoTime() - started) / 1e9;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
