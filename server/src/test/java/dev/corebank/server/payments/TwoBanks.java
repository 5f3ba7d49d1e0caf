package dev.corebank.server.payments;

import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.api.ApiClient;
import dev.corebank.server.api.ServerProcess;
import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.payments.iso.TestParticipants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Two corebank banks and the payment network simulator, each its own operating-system process with its own data
 * directory, on the machine's RabbitMQ. Payments flow both ways through the network's faults (drops, duplicates,
 * reordering), and one bank is killed with SIGKILL and restarted mid-run. Afterwards every payment must be final and
 * agree on all three sides, no money may be made or lost, and each bank's account at the network must equal its
 * settlement position in the network's books.
 *
 * <p>One mechanism with three callers: the test {@code TwoBanksPaymentsTest}, {@code ./corebank demo payments} and
 * {@code ./corebank simulate payments --seed S --payments N} (this class's {@link #main}).
 */
public final class TwoBanks {
    static final String RABBITMQ_DEFAULT = "amqp://guest:guest@127.0.0.1:5672";
    private static final String KEY = "two-banks-admin-key-0123456789abcdef";
    private static final String CURRENCY = "USD";
    private static final int ACCOUNTS_PER_BANK = 12;
    private static final long OPENING_BALANCE = 10_000_000;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

    /** What to run. Rates are the network's faults; {@code kill} kills bank B once half the payments are in. */
    public record Options(long seed, int payments, double dropRate, double duplicateRate, double reorderRate,
                          boolean kill, int clients, double rate, String rabbitmqUri, Path workDirectory,
                          Consumer<String> out) {
        public Options {
            if (payments < 2) {
                throw new IllegalArgumentException("payments must be at least 2 payments=" + payments);
            }
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be positive clients=" + clients);
            }
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate must be positive payments per second rate=" + rate);
            }
        }
    }

    /** The outcome: the checks that failed (none when it passed) and the one-line verdict. */
    public record Verdict(List<String> failures, int faults, String line) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** One payment of the plan, and what each side said about it in the end. */
    private static final class Planned {
        final int index;
        final UUID id;
        final boolean fromA;
        final String debtorAccount;
        final String creditorAccount;
        final long amount;
        final boolean repeated;
        String origin;
        String originReason;
        String creditor;
        String network;
        int faults;
        long toFinalMillis = -1;
        long toSentMillis = -1;
        long answerToPostMillis = -1;
        String originTrace;
        String creditorTrace;
        String networkTrace;

        Planned(int index, UUID id, boolean fromA, String debtorAccount, String creditorAccount, long amount,
                boolean repeated) {
            this.index = index;
            this.id = id;
            this.fromA = fromA;
            this.debtorAccount = debtorAccount;
            this.creditorAccount = creditorAccount;
            this.amount = amount;
            this.repeated = repeated;
        }

        String uetr() {
            return Iso.uetrOf(id);
        }
    }

    /** A bank node: its code, its data directory, and the process that runs it now (replaced on a restart). */
    private final class Bank {
        final String name;
        final String code;
        final Path data;
        final List<String> customers = new ArrayList<>();
        String frozen;
        volatile ServerProcess process;
        volatile ApiClient api;

        Bank(String name, String code) {
            this.name = name;
            this.code = code;
            this.data = options.workDirectory().resolve("bank-" + name.toLowerCase(Locale.ROOT));
        }

        void start() throws IOException, InterruptedException {
            process = ServerProcess.start(data, Map.of("COREBANK_ADMIN_KEY", KEY, "COREBANK_BANK_CODE", code,
                    "COREBANK_RABBITMQ_URI", options.rabbitmqUri()), "--no-demo",
                    "--corebank.payments.network-code=" + networkCode,
                    "--corebank.observability.business-events-logged=false");
            api = new ApiClient(process.baseUrl());
        }
    }

    private final Options options;
    private final String networkCode;
    private final Bank bankA;
    private final Bank bankB;
    private ServerProcess network;
    private ApiClient networkApi;

    private TwoBanks(Options options) {
        this.options = options;
        // Codes are fresh for each run, so a queue left by an earlier run never feeds this one.
        Random codes = new Random(System.nanoTime());
        this.networkCode = TestParticipants.code("CBNW", codes);
        this.bankA = new Bank("A", TestParticipants.code("CBKA", codes));
        this.bankB = new Bank("B", TestParticipants.code("CBKB", codes));
    }

    public static Verdict run(Options options) throws Exception {
        return new TwoBanks(options).run();
    }

    private Verdict run() throws Exception {
        Files.createDirectories(options.workDirectory());
        long started = System.nanoTime();
        try {
            say("starting the network " + networkCode + " and banks " + bankA.code + " and " + bankB.code
                    + " (data under " + options.workDirectory() + ")");
            network = ServerProcess.start(options.workDirectory().resolve("network"), Map.of("COREBANK_ADMIN_KEY",
                    KEY, "COREBANK_RABBITMQ_URI", options.rabbitmqUri(), "COREBANK_NETWORK_PARTICIPANTS",
                    bankA.code + "," + bankB.code), "--no-demo", "--roles=network",
                    "--corebank.payments.network-code=" + networkCode,
                    "--corebank.observability.business-events-logged=false",
                    "--corebank.network.seed=" + options.seed(),
                    "--corebank.network.drop-rate=" + options.dropRate(),
                    "--corebank.network.duplicate-rate=" + options.duplicateRate(),
                    "--corebank.network.reorder-rate=" + options.reorderRate(),
                    "--corebank.network.reorder-delay-millis=300",
                    "--corebank.network.latency-jitter-millis=5");
            networkApi = new ApiClient(network.baseUrl());
            bankA.start();
            bankB.start();
            openCustomers(bankA);
            openCustomers(bankB);
            List<Planned> plan = plan();
            submit(plan);
            awaitFinal(plan);
            List<String> failures = check(plan);
            witness(plan);
            say("CPU used: network " + cpu(network) + ", bank A " + cpu(bankA.process) + ", bank B " + cpu(bankB.process)
                    + (options.kill() ? " (since its restart)" : "") + ", this client " + ProcessHandle.current()
                    .info().totalCpuDuration().map(TwoBanks::seconds).orElse("unknown"));
            String line = verdict(plan, failures, Duration.ofNanos(System.nanoTime() - started));
            int faults = plan.stream().mapToInt(payment -> payment.faults).sum();
            keepLogs();
            return new Verdict(failures, faults, line);
        } catch (Exception | AssertionError failed) {
            keepLogs();
            throw failed;
        } finally {
            stopAll();
        }
    }

    private void openCustomers(Bank bank) {
        for (int index = 0; index <= ACCOUNTS_PER_BANK; index++) {
            UUID id = UUID.nameUUIDFromBytes((bank.code + ":customer:" + index).getBytes(StandardCharsets.UTF_8));
            expect(bank.api.post("/v1/accounts", KEY, """
                    {"id":"%s","ledger":"%s","type":"LIABILITY","code":2001,
                     "flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],"name":"customer %d","customerId":"C-%d"}"""
                    .formatted(id, CURRENCY, index, index)), 201, "open a customer account at " + bank.name);
            expect(bank.api.post("/v1/deposits", KEY, "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d}"
                    .formatted(UUID.nameUUIDFromBytes(("deposit:" + id).getBytes(StandardCharsets.UTF_8)), id,
                            OPENING_BALANCE)), 201, "fund a customer account at " + bank.name);
            if (index == ACCOUNTS_PER_BANK) {
                expect(bank.api.post("/v1/accounts/" + id + "/freeze", KEY, "{}"), 200, "freeze an account");
                bank.frozen = id.toString();
            } else {
                bank.customers.add(id.toString());
            }
        }
    }

    /** The seed's payments: mostly good ones both ways, some to unknown or frozen accounts, some over the funds. */
    private List<Planned> plan() {
        Random random = new Random(options.seed());
        List<Planned> plan = new ArrayList<>();
        for (int index = 0; index < options.payments(); index++) {
            boolean fromA = random.nextBoolean();
            Bank from = fromA ? bankA : bankB;
            Bank to = fromA ? bankB : bankA;
            String debtor = from.customers.get(random.nextInt(from.customers.size()));
            double draw = random.nextDouble();
            String creditor = draw < 0.03 ? UUID.nameUUIDFromBytes(("unknown:" + index).getBytes(
                    StandardCharsets.UTF_8)).toString() : draw < 0.05 ? to.frozen
                    : to.customers.get(random.nextInt(to.customers.size()));
            long amount = random.nextDouble() < 0.01 ? OPENING_BALANCE * 1_000 : 1 + random.nextInt(50_000);
            UUID id = UUID.nameUUIDFromBytes((networkCode + ":payment:" + index).getBytes(StandardCharsets.UTF_8));
            plan.add(new Planned(index, id, fromA, debtor, creditor, amount, random.nextDouble() < 0.05));
        }
        return plan;
    }

    /**
     * Sends the plan from a few client threads at the given rate (payment i is sent no earlier than i / rate seconds
     * after the first); kills and restarts bank B once half of it is in.
     */
    private void submit(List<Planned> plan) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long firstNanos = System.nanoTime();
        long intervalNanos = (long) (1e9 / options.rate());
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.CountDownLatch halfIn = new java.util.concurrent.CountDownLatch(plan.size() / 2);
        ExecutorService clients = Executors.newFixedThreadPool(options.clients());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < options.clients(); client++) {
                running.add(clients.submit(() -> {
                    for (int index = next.getAndIncrement(); index < plan.size(); index = next.getAndIncrement()) {
                        Planned payment = plan.get(index);
                        long waitNanos = firstNanos + index * intervalNanos - System.nanoTime();
                        if (waitNanos > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(waitNanos);
                        }
                        pay(payment);
                        if (payment.repeated) {
                            pay(payment);
                        }
                        done.incrementAndGet();
                        halfIn.countDown();
                    }
                    return null;
                }));
            }
            if (options.kill()) {
                halfIn.await();
                say("kill -9 bank B (" + bankB.code + ") after " + done.get() + " payments were accepted");
                bankB.process.kill();
                bankB.start();
                say("bank B is back at " + bankB.process.baseUrl() + "; its clients send again with the same ids");
            }
            for (Future<?> client : running) {
                client.get();
            }
            say("all " + plan.size() + " payments were accepted (202 or a final answer)");
        } finally {
            clients.shutdownNow();
        }
    }

    /** POSTs one payment until its bank answers, with the same id each time, as a careful client does. */
    private void pay(Planned payment) {
        Bank from = payment.fromA ? bankA : bankB;
        Bank to = payment.fromA ? bankB : bankA;
        String body = """
                {"id":"%s","debtorAccountId":"%s","creditorAgent":"%s","creditorAccount":"%s","amountMinor":%d,
                 "currency":"%s","remittance":"two banks %d","creditorName":"Customer"}"""
                .formatted(payment.id, payment.debtorAccount, to.code, payment.creditorAccount, payment.amount,
                        CURRENCY, payment.index);
        org.awaitility.Awaitility.await("bank " + from.name + " taking payment " + payment.index)
                .atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .pollInSameThread().until(() -> accepted(from, body, payment));
    }

    /** One try: true on 202; false when the bank is down or answers 5xx (try again); a refusal is a failure. */
    private static boolean accepted(Bank from, String body, Planned payment) {
        ApiClient.Response answer;
        try {
            answer = from.api.post("/v1/payments", KEY, body);
        } catch (IllegalStateException unreachable) {
            return false;
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            throw new IllegalStateException("bank " + from.name + " refused payment " + payment.index + ": "
                    + answer);
        }
        return answer.status() == 202;
    }

    /** Waits until every payment is final at its originator and, where it arrived, at the beneficiary's bank. */
    private void awaitFinal(List<Planned> plan) {
        long[] lastSaid = {0};
        int[] quiet = {0};
        int[] pending = {0};
        try {
            org.awaitility.Awaitility.await("every payment final on both sides").atMost(SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).pollInSameThread().until(() -> {
                        pending[0] = 0;
                        for (Planned payment : plan) {
                            if (!finalOnBothSides(payment)) {
                                read(payment);
                                pending[0] += finalOnBothSides(payment) ? 0 : 1;
                            }
                        }
                        if (System.nanoTime() - lastSaid[0] > Duration.ofSeconds(2).toNanos()) {
                            say("final " + (plan.size() - pending[0]) + "/" + plan.size() + ", waiting for "
                                    + pending[0]);
                            lastSaid[0] = System.nanoTime();
                        }
                        // Twice in a row: a message just taken from a queue is journaled before its ack, but the
                        // derived state the GET reads may lag the journal by a moment.
                        quiet[0] = pending[0] == 0 && queuesEmpty() ? quiet[0] + 1 : 0;
                        return quiet[0] == 2;
                    });
            say("every payment is final on both sides, and no message waits in a queue");
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            // The checks that follow name each payment that is not final.
            say(pending[0] + " payments were still not final after " + SETTLE_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Whether the three queues are drained: a payment not yet seen by its beneficiary's bank may wait in one. */
    private boolean queuesEmpty() {
        try (var connection = rabbit().newConnection("corebank-two-banks-queues");
             var channel = connection.createChannel()) {
            for (String code : List.of(networkCode, bankA.code, bankB.code)) {
                if (channel.queueDeclarePassive(NetworkLink.queue(code)).getMessageCount() > 0) {
                    return false;
                }
            }
            return true;
        } catch (Exception unavailable) {
            return false;
        }
    }

    private com.rabbitmq.client.ConnectionFactory rabbit() {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(options.rabbitmqUri());
        } catch (Exception invalid) {
            throw new IllegalArgumentException("not a RabbitMQ URI uri=" + options.rabbitmqUri(), invalid);
        }
        return factory;
    }

    private void read(Planned payment) {
        Bank from = payment.fromA ? bankA : bankB;
        Bank to = payment.fromA ? bankB : bankA;
        ApiClient.Response origin = from.api.get("/v1/payments/" + payment.id, KEY);
        if (origin.status() == 200) {
            payment.origin = origin.text("status");
            JsonNode read = origin.json();
            payment.originTrace = read.path("traceId").asString(null);
            payment.originReason = read.path("reason").isNull() ? null : read.path("reason").asString();
            Map<String, Instant> steps = new HashMap<>();
            for (JsonNode step : read.path("steps")) {
                steps.putIfAbsent(step.path("step").asString(), Instant.parse(step.path("at").asString()));
            }
            if (steps.containsKey("accepted") && steps.containsKey("pacs.008-sent")) {
                payment.toSentMillis = Duration.between(steps.get("accepted"), steps.get("pacs.008-sent")).toMillis();
            }
            if (steps.containsKey("pacs.002-received") && steps.containsKey("posted")) {
                payment.answerToPostMillis = Duration.between(steps.get("pacs.002-received"), steps.get("posted"))
                        .toMillis();
            }
            if (read.hasNonNull("finalAt")) {
                payment.toFinalMillis = Duration.between(Instant.parse(read.path("acceptedAt").asString()),
                        Instant.parse(read.path("finalAt").asString())).toMillis();
            }
        }
        ApiClient.Response creditor = to.api.get("/v1/payments/by-uetr/" + payment.uetr(), KEY);
        payment.creditor = creditor.status() == 200 ? creditor.text("status") : null;
        payment.creditorTrace = creditor.status() == 200 ? creditor.json().path("traceId").asString(null) : null;
    }

    private static boolean finalOnBothSides(Planned payment) {
        return payment.origin != null && isFinal(payment.origin) && (payment.creditor == null
                || isFinal(payment.creditor));
    }

    private static boolean isFinal(String status) {
        return "settled".equals(status) || "rejected".equals(status);
    }

    private List<String> check(List<Planned> plan) {
        List<String> failures = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (Bank bank : List.of(bankA, bankB)) {
            for (String customer : bank.customers) {
                expected.put(bank.name + customer, OPENING_BALANCE);
            }
            expected.put(bank.name + bank.frozen, OPENING_BALANCE);
        }
        long settledAtoB = 0;
        long settledBtoA = 0;
        for (Planned payment : plan) {
            readNetwork(payment);
            String what = "payment " + payment.index + " uetr=" + payment.uetr();
            if (!isFinal(payment.origin)) {
                failures.add(what + " is not final at its bank: " + payment.origin);
                continue;
            }
            boolean settled = "settled".equals(payment.origin);
            if (settled != "settled".equals(payment.network)) {
                failures.add(what + " is " + payment.origin + " at its bank but " + payment.network
                        + " at the network");
            }
            if (settled != "settled".equals(payment.creditor)) {
                failures.add(what + " is " + payment.origin + " at its bank but " + payment.creditor
                        + " at the beneficiary's bank (credited and released, or released and credited)");
            }
            if (payment.creditor != null && (payment.originTrace == null
                    || !payment.originTrace.equals(payment.creditorTrace)
                    || !payment.originTrace.equals(payment.networkTrace))) {
                failures.add(what + " is not one trace across the three: bank " + payment.originTrace + ", network "
                        + payment.networkTrace + ", beneficiary's bank " + payment.creditorTrace);
            }
            if (payment.creditor != null && !isFinal(payment.creditor)) {
                failures.add(what + " is not final at the beneficiary's bank: " + payment.creditor);
            }
            if (settled) {
                String from = payment.fromA ? "A" : "B";
                String to = payment.fromA ? "B" : "A";
                expected.merge(from + payment.debtorAccount, -payment.amount, Long::sum);
                expected.merge(to + payment.creditorAccount, payment.amount, Long::sum);
                if (payment.fromA) {
                    settledAtoB += payment.amount;
                } else {
                    settledBtoA += payment.amount;
                }
            }
        }
        long customersTotal = 0;
        for (Bank bank : List.of(bankA, bankB)) {
            List<String> accounts = new ArrayList<>(bank.customers);
            accounts.add(bank.frozen);
            for (String account : accounts) {
                JsonNode read = account(bank, account);
                long balance = read.path("balance").asLong();
                customersTotal += balance;
                long wanted = expected.get(bank.name + account);
                if (balance != wanted) {
                    failures.add("bank " + bank.name + " account " + account + " holds " + balance + " but its"
                            + " settled payments make it " + wanted + " (paid twice, or a credit lost)");
                }
                if (read.path("debitsPending").asLong() != 0 || read.path("creditsPending").asLong() != 0) {
                    failures.add("bank " + bank.name + " account " + account + " still has holds: " + read);
                }
            }
            for (ChartOfAccounts.GlAccount clearing : List.of(ChartOfAccounts.GlAccount.PAYMENTS_OUTGOING,
                    ChartOfAccounts.GlAccount.PAYMENTS_INCOMING)) {
                JsonNode read = account(bank, ChartOfAccounts.id(CURRENCY, clearing).toString());
                if (read.path("balance").asLong() != 0 || read.path("debitsPending").asLong() != 0
                        || read.path("creditsPending").asLong() != 0) {
                    failures.add("bank " + bank.name + " " + clearing + " is not cleared to zero: " + read);
                }
            }
        }
        long opening = 2L * (ACCOUNTS_PER_BANK + 1) * OPENING_BALANCE;
        if (customersTotal != opening) {
            failures.add("the customers of both banks hold " + customersTotal + " but were given " + opening);
        }
        JsonNode participants = expect(networkApi.get("/v1/network/participants", KEY), 200,
                "the network's positions").json();
        Map<String, Long> positions = new TreeMap<>();
        for (JsonNode position : participants.path("positions")) {
            if (CURRENCY.equals(position.path("currency").asString())) {
                positions.put(position.path("participant").asString(), position.path("balanceMinor").asLong());
            }
        }
        for (JsonNode total : participants.path("totals")) {
            if (total.path("sumMinor").asLong() != 0) {
                failures.add("the network's settlement accounts do not sum to zero: " + total);
            }
        }
        Map<Bank, Long> wantedPosition = Map.of(bankA, settledBtoA - settledAtoB, bankB, settledAtoB - settledBtoA);
        for (Bank bank : List.of(bankA, bankB)) {
            long position = positions.getOrDefault(bank.code, Long.MIN_VALUE);
            long atTheNetwork = account(bank, ChartOfAccounts.id(CURRENCY, ChartOfAccounts.GlAccount.CLEARING)
                    .toString()).path("balance").asLong();
            if (position != wantedPosition.get(bank)) {
                failures.add("the network holds " + position + " for bank " + bank.name + " but the settled"
                        + " payments make it " + wantedPosition.get(bank));
            }
            if (atTheNetwork != position) {
                failures.add("bank " + bank.name + "'s account at the network holds " + atTheNetwork
                        + " but the network's books hold " + position + " for it");
            }
        }
        return failures;
    }

    /** Prints the witness of the median settled payment: every step on both banks and at the network, in time order. */
    private void witness(List<Planned> plan) {
        List<Planned> settled = plan.stream().filter(payment -> "settled".equals(payment.origin))
                .sorted(java.util.Comparator.comparingLong(payment -> payment.toFinalMillis)).toList();
        if (settled.isEmpty()) {
            return;
        }
        Planned payment = settled.get(settled.size() / 2);
        Bank from = payment.fromA ? bankA : bankB;
        Bank to = payment.fromA ? bankB : bankA;
        List<String[]> lines = new ArrayList<>();
        for (JsonNode step : from.api.get("/v1/payments/" + payment.id, KEY).json().path("steps")) {
            lines.add(new String[] {step.path("at").asString(), "bank " + from.name, step.path("step").asString()
                    + " " + step.path("detail").asString() + " @" + step.path("position").asLong()});
        }
        for (JsonNode step : to.api.get("/v1/payments/by-uetr/" + payment.uetr(), KEY).json().path("steps")) {
            lines.add(new String[] {step.path("at").asString(), "bank " + to.name, step.path("step").asString()
                    + " " + step.path("detail").asString() + " @" + step.path("position").asLong()});
        }
        for (JsonNode line : networkApi.get("/v1/network/payments/" + payment.uetr(), KEY).json().path("log")) {
            lines.add(new String[] {line.path("at").asString(), "network", line.path("what").asString() + " "
                    + line.path("party").asString() + " " + line.path("detail").asString()});
        }
        lines.sort(java.util.Comparator.comparing(line -> Instant.parse(line[0])));
        Instant first = Instant.parse(lines.getFirst()[0]);
        say("the witness of the median settled payment, uetr=" + payment.uetr() + " (" + payment.toFinalMillis
                + " ms to settled):");
        for (String[] line : lines) {
            say(String.format(Locale.ROOT, "  +%5d ms  %-8s %s", Duration.between(first, Instant.parse(line[0]))
                    .toMillis(), line[1], line[2]));
        }
    }

    private void readNetwork(Planned payment) {
        ApiClient.Response seen = networkApi.get("/v1/network/payments/" + payment.uetr(), KEY);
        if (seen.status() != 200) {
            payment.network = null;
            return;
        }
        payment.network = seen.text("status");
        payment.networkTrace = seen.json().path("traceId").asString(null);
        for (JsonNode line : seen.json().path("log")) {
            if (line.path("what").asString().startsWith("fault")) {
                payment.faults++;
            }
        }
    }

    private static JsonNode account(Bank bank, String account) {
        return expect(bank.api.get("/v1/accounts/" + account, KEY), 200, "read account " + account).json();
    }

    private String verdict(List<Planned> plan, List<String> failures, Duration took) {
        Map<String, Integer> outcomes = new TreeMap<>();
        int faults = 0;
        int fromA = 0;
        for (Planned payment : plan) {
            String outcome = "settled".equals(payment.origin) ? "settled" : payment.origin + " "
                    + payment.originReason;
            outcomes.merge(outcome, 1, Integer::sum);
            faults += payment.faults;
            fromA += payment.fromA ? 1 : 0;
        }
        List<Planned> settledPayments = plan.stream().filter(payment -> "settled".equals(payment.origin)).toList();
        String timing = "; request to settled" + percentiles(settledPayments.stream()
                .mapToLong(payment -> payment.toFinalMillis)) + ", request to pacs.008 sent" + percentiles(
                settledPayments.stream().mapToLong(payment -> payment.toSentMillis)) + ", pacs.002 received to"
                + " posted" + percentiles(settledPayments.stream().mapToLong(payment -> payment.answerToPostMillis));
        String summary = plan.size() + " payments (A to B " + fromA + ", B to A " + (plan.size() - fromA) + ") at "
                + options.rate() + "/s: " + outcomes + timing + "; " + faults + " faults injected"
                + (options.kill() ? "; bank B killed (-9) and restarted mid-run" : "") + "; seed " + options.seed()
                + "; " + took.toSeconds() + " s";
        return failures.isEmpty() ? "PASS " + summary + "; every payment final and agreed on all three sides,"
                + " each one trace across them, money conserved, positions reconciled" : "FAIL " + failures.size() + " checks: " + failures.getFirst()
                + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "") + "; " + summary;
    }

    private static String cpu(ServerProcess process) {
        return process.cpu().map(TwoBanks::seconds).orElse("unknown");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String percentiles(java.util.stream.LongStream millis) {
        long[] sorted = millis.filter(value -> value >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return " (none)";
        }
        return " p50 " + sorted[sorted.length / 2] + " ms p99 " + sorted[Math.min(sorted.length - 1,
                (int) Math.ceil(sorted.length * 0.99) - 1)] + " ms";
    }

    private void keepLogs() {
        Map<String, ServerProcess> processes = new LinkedHashMap<>();
        processes.put("network", network);
        processes.put("bank-a", bankA.process);
        processes.put("bank-b", bankB.process);
        processes.forEach((name, process) -> {
            if (process != null) {
                Path log = options.workDirectory().resolve(name + ".log");
                try {
                    Files.write(log, process.output());
                    say("kept " + log);
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            }
        });
    }

    private void stopAll() throws Exception {
        for (ServerProcess process : new ServerProcess[] {bankA.process, bankB.process, network}) {
            if (process != null) {
                process.stop();
            }
        }
        TestParticipants.deleteQueues(options.rabbitmqUri(), List.of(networkCode, bankA.code, bankB.code));
    }

    private static ApiClient.Response expect(ApiClient.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + " but got " + response);
        }
        return response;
    }

    private void say(String line) {
        options.out().accept(Instant.now() + " two-banks: " + line);
    }

    /**
     * {@code ./corebank demo payments} and {@code ./corebank simulate payments}: {@code --seed S --payments N
     * [--drop-rate R] [--duplicate-rate R] [--reorder-rate R] [--no-kill] [--clients C] [--rate PER_SECOND] [--work DIR]}. Prints the
     * progress and a one-line verdict; exits 1 when a check fails, 2 on bad arguments.
     */
    public static void main(String[] arguments) throws Exception {
        Map<String, String> given = new HashMap<>();
        boolean kill = true;
        for (int index = 0; index < arguments.length; index++) {
            String argument = arguments[index];
            if (argument.equals("--no-kill")) {
                kill = false;
            } else if (argument.startsWith("--") && index + 1 < arguments.length) {
                given.put(argument.substring(2), arguments[++index]);
            } else {
                usage("unknown argument " + argument);
            }
        }
        for (String name : given.keySet()) {
            if (!List.of("seed", "payments", "drop-rate", "duplicate-rate", "reorder-rate", "clients", "rate",
                    "work", "rabbitmq-uri").contains(name)) {
                usage("unknown option --" + name);
            }
        }
        Options options;
        try {
            Path work = Path.of(given.getOrDefault("work", "target/two-banks/run-" + System.currentTimeMillis()));
            options = new Options(Long.parseLong(given.getOrDefault("seed", "20261203")),
                    Integer.parseInt(given.getOrDefault("payments", "300")),
                    rate(given.getOrDefault("drop-rate", "0.03")), rate(given.getOrDefault("duplicate-rate", "0.1")),
                    rate(given.getOrDefault("reorder-rate", "0.1")), kill,
                    Integer.parseInt(given.getOrDefault("clients", "8")),
                    Double.parseDouble(given.getOrDefault("rate", "5")),
                    given.getOrDefault("rabbitmq-uri", System.getenv().getOrDefault("COREBANK_RABBITMQ_URI",
                            RABBITMQ_DEFAULT)), work.toAbsolutePath(), System.out::println);
        } catch (IllegalArgumentException invalid) {
            usage(invalid.getMessage());
            return;
        }
        Verdict verdict = run(options);
        verdict.failures().forEach(failure -> System.out.println("  failed: " + failure));
        System.out.println(verdict.line());
        System.exit(verdict.passed() ? 0 : 1);
    }

    private static double rate(String value) {
        double rate = Double.parseDouble(value);
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a rate is in [0, 1], got " + value);
        }
        return rate;
    }

    private static void usage(String problem) {
        System.err.println("two banks: " + problem);
        System.err.println("usage: --seed S --payments N [--drop-rate R] [--duplicate-rate R] [--reorder-rate R]"
                + " [--no-kill] [--clients C] [--rate PER_SECOND] [--work DIR] [--rabbitmq-uri URI]");
        System.exit(2);
    }
}
