package dev.corebank.server.eod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.server.api.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real port for end-of-day tests, on its own data directory and starting on a fixed
 * business date (1 January 2028, a leap year), without fsync so a year of end of day stays quick. The end-of-day
 * test classes share this one context; each opens its own accounts.
 */
@org.springframework.context.annotation.Import(EodTestSupport.FaultConfiguration.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "corebank.bootstrap.admin-key=" + EodTestSupport.ADMIN_KEY, "corebank.durability=NONE",
        "corebank.eod.first-business-date=2028-01-01", "corebank.bootstrap.demo=false"})
abstract class EodTestSupport {
    static final String ADMIN_KEY = "eod-test-admin-key-0123456789abcdef";
    static final LocalDate FIRST_DATE = LocalDate.of(2028, 1, 1);
    private static final Path DATA_DIRECTORY = temporaryDirectory();

    @LocalServerPort
    protected int port;
    @Autowired
    protected EndOfDay endOfDay;
    @Autowired
    protected DayBook dayBook;

    /** When armed, the trial balance step sees one more minor unit of debits in the first ledger than was posted. */
    static final java.util.concurrent.atomic.AtomicBoolean TRIAL_BALANCE_FAULT =
            new java.util.concurrent.atomic.AtomicBoolean();

    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class FaultConfiguration {
        @org.springframework.context.annotation.Bean
        EndOfDay.TrialBalanceFault trialBalanceFault() {
            return computed -> {
                if (!TRIAL_BALANCE_FAULT.get() || computed.lines().isEmpty()) {
                    return computed;
                }
                java.util.List<TrialBalance.Line> lines = new java.util.ArrayList<>(computed.lines());
                TrialBalance.Line first = lines.getFirst();
                lines.set(0, new TrialBalance.Line(first.ledger(), first.code(), first.type(), first.openingMinor(),
                        first.debitsMinor() + 1, first.creditsMinor(), first.closingMinor() + 1));
                return TrialBalance.of(computed.date(), lines);
            };
        }
    }

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("corebank.data-directory", DATA_DIRECTORY::toString);
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    LocalDate businessDate() {
        ApiClient.Response read = api().get("/v1/business-date", ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return LocalDate.parse(read.text("businessDate"));
    }

    /** Runs end of day through the date and waits until the business date is past it. */
    void runEodThrough(LocalDate through) {
        ApiClient.Response started = api().post("/v1/eod", ADMIN_KEY, "{\"through\":\"" + through + "\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Awaitility.await("end of day through " + through).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> businessDate().isAfter(through) && endOfDay.running() == null);
    }

    UUID open(String product, String currency, String extra) {
        UUID id = UUID.randomUUID();
        ApiClient.Response opened = api().post("/v1/accounts", ADMIN_KEY, """
                {"id":"%s","ledger":"%s","product":"%s","name":"eod test"%s}"""
                .formatted(id, currency, product, extra));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return id;
    }

    ApiClient.Response deposit(UUID account, long amount) {
        return api().post("/v1/deposits", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d}".formatted(UUID.randomUUID(), account, amount));
    }

    ApiClient.Response withdraw(UUID account, long amount) {
        return api().post("/v1/withdrawals", ADMIN_KEY,
                "{\"id\":\"%s\",\"accountId\":\"%s\",\"amount\":%d}".formatted(UUID.randomUUID(), account, amount));
    }

    long balance(UUID account) {
        ApiClient.Response read = api().get("/v1/accounts/" + account, ADMIN_KEY);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.number("balance");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("corebank-eod-test");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
