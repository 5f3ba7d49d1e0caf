package dev.corebank.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.JournalEntry;
import dev.corebank.ledger.JournalReader;
import dev.corebank.ledger.LedgerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real port, with its file journal and H2 database in a temporary directory. Every API
 * test class extends this and adds nothing to the configuration, so they all share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "corebank.bootstrap.admin-key=" + ApiTestSupport.ADMIN_KEY)
public abstract class ApiTestSupport {
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final Path DATA_DIRECTORY = temporaryDirectory();

    @LocalServerPort
    protected int port;

    @Autowired
    protected LedgerEngine engine;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA_DIRECTORY::toString);
    }

    protected ApiClient api() {
        return new ApiClient(port);
    }

    /** A new key of the role, made through the admin API. */
    protected String keyFor(String role) {
        ApiClient.Response created = api().post("/v1/admin/keys", ADMIN_KEY,
                "{\"role\":\"" + role + "\",\"name\":\"test " + role + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("secret");
    }

    /** Opens a customer deposit account (a liability that may not go below zero) and returns its id. */
    protected UUID openCustomerAccount(String currency) {
        return openCustomerAccount(api(), ADMIN_KEY, currency);
    }

    protected void deposit(UUID account, long amount) {
        deposit(api(), ADMIN_KEY, account, amount);
    }

    /**
     * Opens a customer deposit account through {@code api} with {@code key} and returns its id; for tests on a server
     * other than this one (a server process of their own, a context of their own).
     */
    public static UUID openCustomerAccount(ApiClient api, String key, String currency) {
        UUID id = UUID.randomUUID();
        ApiClient.Response opened = api.post("/v1/accounts", key, """
                {"id":"%s","ledger":"%s","type":"LIABILITY","code":2001,
                 "flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],"name":"test customer","customerId":"T-1"}"""
                .formatted(id, currency));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return id;
    }

    /** Deposits {@code amount} minor units into {@code account} through {@code api} with {@code key}. */
    public static void deposit(ApiClient api, String key, UUID account, long amount) {
        ApiClient.Response deposited = api.post("/v1/deposits", key,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d}".formatted(UUID.randomUUID(), account, amount));
        assertThat(deposited.status()).as(deposited.toString()).isEqualTo(201);
    }

    protected long balance(UUID account) {
        ApiClient.Response read = api().get("/v1/accounts/" + account, ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.number("balance");
    }

    /**
     * Opens two customer accounts, funds the first, and moves 300 from it to the second with {@code key} and the
     * given headers; returns the 201 answer.
     */
    protected ApiClient.Response transferBetweenNewAccounts(UUID transfer, String key, Map<String, String> headers) {
        UUID payer = openCustomerAccount("USD");
        UUID payee = openCustomerAccount("USD");
        deposit(payer, 10_000);
        ApiClient.Response moved = api().post("/v1/transfers", key, transferJson(transfer, payer, payee, 300, "USD"),
                headers);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(201);
        return moved;
    }

    /** The journal entry at {@code sequence}, read from the engine's own journal. */
    protected JournalEntry journalEntry(long sequence) {
        try (JournalReader reader = engine.openReader()) {
            List<JournalEntry> entries = reader.read(sequence, 1);
            assertThat(entries).as("journal entry sequence=" + sequence).hasSize(1);
            return entries.getFirst();
        }
    }

    protected static String transferJson(UUID id, UUID debit, UUID credit, long amount, String currency) {
        return """
                {"id":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":%d,"ledger":"%s","code":1101}"""
                .formatted(id, debit, credit, amount, currency);
    }

    /**
     * A new temporary directory. A test class that must change the configuration (and so gets an application context
     * of its own) registers one of these as its {@code corebank.data-directory}: two contexts on one journal would be
     * two engines writing the same files.
     */
    public static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("corebank-api-test");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Deletes a directory and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
