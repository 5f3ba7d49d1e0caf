package dev.corebank.bench.systems;

import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corebank HTTP API as the benchmark uses it: JSON bodies for accounts and transfers, opening and funding the
 * accounts through the batch endpoints, and reading every balance back. Request bodies are written by hand, because
 * they hold only UUIDs, numbers and fixed words, and the client should spend as little CPU as it can on a machine it
 * shares with the server.
 */
public final class CorebankHttp {
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int BATCH_ITEMS_MAX = 8189;
    /** Balance reads in flight while taking a snapshot. */
    public static final int SNAPSHOT_CONCURRENCY = 32;
    public static final String TRANSFER_REFERENCE = "bench";
    /**
     * Up to this many transfers sent, a snapshot also reads each one back (GET /v1/transfers/{id}) to count what the
     * server stores; past it, reading back would take longer than the run, and the balance checks stand alone.
     */
    public static final long STORED_COUNT_READS_MAX = 50_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServerProcess server;
    private final HttpClient client;
    private final RawHttpClient raw;
    private final String authorization;
    private boolean loaded;
    /**
     * The balances the server must hold now: those read at the end of the previous run (or the opening balances after
     * loading), plus every transfer accepted since. Only this benchmark writes to the server, so a run can start
     * from them without reading 10,000 accounts first; had the server applied anything wrongly, the read-back after
     * the next run would not match and that run's verification would fail.
     */
    private AtomicLongArray expectedBalances;
    private volatile boolean expectedKnown;

    public CorebankHttp(ServerProcess server) {
        this.server = server;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.authorization = "Bearer " + server.adminKey();
        this.raw = new RawHttpClient(server.baseUri(), (int) REQUEST_TIMEOUT.toMillis());
    }

    public ServerProcess server() {
        return server;
    }

    // ---- requests ----

    public HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Authorization", authorization)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The load's requests: a prepared POST for {@link RawHttpClient}, sent by {@link #sendRaw}. */
    public byte[] rawPost(String path, String body) {
        return raw.post(path, authorization, body);
    }

    /** A prepared GET for {@link RawHttpClient}, sent by {@link #sendRaw}. */
    public byte[] rawGet(String path) {
        return raw.get(path, authorization);
    }

    public RawHttpClient.Answer sendRaw(byte[] request) throws IOException {
        return raw.send(request);
    }

    private URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    // ---- bodies ----

    public static void appendTransfer(StringBuilder json, TransferStream stream, long index) {
        BenchAccounts accounts = stream.accounts();
        json.append("{\"id\":\"").append(stream.id(index))
                .append("\",\"debitAccountId\":\"").append(accounts.id(stream.debit(index)))
                .append("\",\"creditAccountId\":\"").append(accounts.id(stream.credit(index)))
                .append("\",\"amount\":").append(stream.amountMinor(index))
                .append(",\"ledger\":\"").append(BenchAccounts.LEDGER)
                .append("\",\"code\":").append(BenchAccounts.CUSTOMER_TRANSFER_CODE)
                .append(",\"flags\":[],\"reference\":\"").append(TRANSFER_REFERENCE).append("\"}");
    }

    public static String transferBatch(TransferStream stream, long first, int count) {
        StringBuilder json = new StringBuilder(count * 230 + 2).append('[');
        for (long index = first; index < first + count; index++) {
            if (index > first) {
                json.append(',');
            }
            appendTransfer(json, stream, index);
        }
        return json.append(']').toString();
    }

    private static String accountJson(UUID id, String type, int code, String flag) {
        return "{\"id\":\"" + id + "\",\"ledger\":\"" + BenchAccounts.LEDGER + "\",\"type\":\"" + type
                + "\",\"code\":" + code + ",\"flags\":[" + (flag.isEmpty() ? "" : "\"" + flag + "\"") + "]}";
    }

    private static String depositJson(BenchAccounts accounts, int index) {
        return "{\"id\":\"" + accounts.fundingTransferId(index) + "\",\"debitAccountId\":\""
                + accounts.cashAccountId() + "\",\"creditAccountId\":\"" + accounts.id(index) + "\",\"amount\":"
                + accounts.openingBalanceMinor() + ",\"ledger\":\"" + BenchAccounts.LEDGER + "\",\"code\":"
                + BenchAccounts.FUNDING_TRANSFER_CODE + ",\"flags\":[],\"reference\":\"opening deposit\"}";
    }

    // ---- responses ----

    /** The result names of a batch response, by item index; "ok" for an applied item. */
    public static String[] batchResults(String body, int count) {
        JsonNode items = JSON.readTree(body);
        if (!items.isArray() || items.size() != count) {
            throw new IllegalStateException("batch response has the wrong shape expectedItems=" + count + " body="
                    + abbreviate(body));
        }
        String[] results = new String[count];
        for (JsonNode item : items) {
            int index = item.get("index").asInt();
            results[index] = item.get("result").asString();
        }
        return results;
    }

    public static boolean isOk(String result) {
        return "ok".equalsIgnoreCase(result);
    }

    static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    // ---- loading and reading back ----

    /** Opens the cash account and the customer accounts and funds them, once per server; repeats are no-ops. */
    public void loadOnce(BenchAccounts accounts) throws IOException, InterruptedException {
        if (loaded) {
            return;
        }
        List<String> opens = new ArrayList<>();
        opens.add(accountJson(accounts.cashAccountId(), "ASSET", BenchAccounts.CASH_ACCOUNT_CODE, ""));
        for (int index = 0; index < accounts.count(); index++) {
            opens.add(accountJson(accounts.id(index), "LIABILITY", BenchAccounts.CUSTOMER_ACCOUNT_CODE,
                    "DEBITS_MUST_NOT_EXCEED_CREDITS"));
        }
        postAllOk("/v1/accounts/batch", opens);
        List<String> deposits = new ArrayList<>(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            deposits.add(depositJson(accounts, index));
        }
        postAllOk("/v1/transfers/batch", deposits);
        expectedBalances = new AtomicLongArray(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            expectedBalances.set(index, accounts.openingBalanceMinor());
        }
        expectedKnown = true;
        loaded = true;
    }

    private void postAllOk(String path, List<String> items) throws IOException, InterruptedException {
        for (int from = 0; from < items.size(); from += BATCH_ITEMS_MAX) {
            List<String> chunk = items.subList(from, Math.min(items.size(), from + BATCH_ITEMS_MAX));
            HttpResponse<String> response = send(post(path, "[" + String.join(",", chunk) + "]"));
            if (response.statusCode() != 200) {
                throw new IOException("loading failed path=" + path + " status=" + response.statusCode() + " body="
                        + abbreviate(response.body()));
            }
            String[] results = batchResults(response.body(), chunk.size());
            for (int index = 0; index < results.length; index++) {
                if (!isOk(results[index]) && !"exists".equalsIgnoreCase(results[index])) {
                    throw new IOException("loading refused path=" + path + " index=" + (from + index) + " result="
                            + results[index]);
                }
            }
        }
    }

    /** Records a transfer the server accepted, so that the expected balances stay current. */
    public void accepted(TransferStream stream, long index) {
        long amount = stream.amountMinor(index);
        expectedBalances.addAndGet(stream.debit(index), -amount);
        expectedBalances.addAndGet(stream.credit(index), amount);
    }

    /** A request failed: whether the server applied it is unknown, so the next snapshot must read every balance. */
    public void outcomeUnknown() {
        expectedKnown = false;
    }

    /**
     * Reads every customer balance with GET /v1/accounts/{id}, a few requests at a time, and, for a short run, counts
     * the stream's transfers the server stores.
     */
    public Snapshot snapshot(BenchAccounts accounts, TransferStream stream, long sentEnd) throws Exception {
        if (sentEnd == 0 && expectedKnown) {
            // Before a run: what the server must hold, with none of the new stream's transfers stored yet.
            long[] expected = new long[accounts.count()];
            for (int index = 0; index < expected.length; index++) {
                expected[index] = expectedBalances.get(index);
            }
            return new Snapshot(expected, 0);
        }
        long[] balances = new long[accounts.count()];
        Semaphore inFlight = new Semaphore(SNAPSHOT_CONCURRENCY);
        List<CompletableFuture<Void>> reads = new ArrayList<>(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            int account = index;
            inFlight.acquire();
            reads.add(client.sendAsync(get("/v1/accounts/" + accounts.id(index)), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> balances[account] = balance(response, accounts.id(account)))
                    .whenComplete((ignored, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        for (int index = 0; index < balances.length; index++) {
            expectedBalances.set(index, balances[index]);
        }
        expectedKnown = true;
        return new Snapshot(balances, sentEnd <= STORED_COUNT_READS_MAX ? countStored(stream, sentEnd)
                : Snapshot.UNKNOWN);
    }

    private long countStored(TransferStream stream, long sentEnd) throws InterruptedException {
        AtomicLong stored = new AtomicLong();
        Semaphore inFlight = new Semaphore(SNAPSHOT_CONCURRENCY);
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (long index = 0; index < sentEnd; index++) {
            long transfer = index;
            inFlight.acquire();
            reads.add(client.sendAsync(get("/v1/transfers/" + stream.id(index)), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(response -> {
                        if (response.statusCode() == 200) {
                            stored.incrementAndGet();
                        } else if (response.statusCode() != 404) {
                            throw new IllegalStateException("transfer read failed index=" + transfer + " status="
                                    + response.statusCode());
                        }
                    })
                    .whenComplete((ignored, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        return stored.get();
    }

    /** The projector's lag as the server reports it ({@code GET /v1/admin/reactors/projection}). */
    public ReadModelLag.Sample projectionLag() throws IOException, InterruptedException {
        HttpResponse<String> response = send(get("/v1/admin/reactors/projection"));
        if (response.statusCode() != 200) {
            throw new IOException("reactor status read failed status=" + response.statusCode());
        }
        JsonNode status = JSON.readTree(response.body());
        return new ReadModelLag.Sample(status.get("lagEntries").asLong(), status.get("lagSeconds").asDouble());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build();
    }

    /** The posted balance of a liability account: credits posted less debits posted. */
    static long balance(HttpResponse<String> response, UUID id) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("account read failed id=" + id + " status=" + response.statusCode());
        }
        JsonNode account = JSON.readTree(response.body());
        JsonNode credits = account.get("creditsPosted");
        JsonNode debits = account.get("debitsPosted");
        if (credits == null || debits == null) {
            throw new IllegalStateException("account has no posted balances id=" + id + " body="
                    + abbreviate(response.body()));
        }
        return credits.asLong() - debits.asLong();
    }
}
