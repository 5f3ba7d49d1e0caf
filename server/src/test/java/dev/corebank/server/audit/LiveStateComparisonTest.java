package dev.corebank.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.Account;
import dev.corebank.ledger.AccountType;
import dev.corebank.ledger.Durability;
import dev.corebank.ledger.JournalVerifier;
import dev.corebank.ledger.LedgerConfig;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.TraceId;
import dev.corebank.ledger.Transfer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live comparison of {@code audit verify} against a real engine that keeps taking writes while it runs. */
class LiveStateComparisonTest {
    static final int MMK = 104;

    @TempDir
    Path data;

    @Test
    void comparesTheLiveStateHashAtItsExactPositionWhileTheEngineKeepsWriting() throws Exception {
        UUID cash = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        try (LedgerEngine engine = LedgerEngine.open(LedgerConfig.defaults(data).withDurability(Durability.NONE))) {
            engine.createAccounts(List.of(Account.open(cash, MMK, AccountType.ASSET, 1000, 0),
                    Account.open(customer, MMK, AccountType.LIABILITY, 2000, 0)), TraceId.NONE).join();
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    engine.createTransfers(List.of(Transfer.of(UUID.randomUUID(), cash, customer, 1, MMK, 1)),
                            TraceId.NONE).join();
                }
            });
            try {
                engine.createTransfers(List.of(Transfer.of(UUID.randomUUID(), cash, customer, 1, MMK, 1)),
                        TraceId.NONE).join();
                JournalAudit.LiveState live = AuditSources.live(engine);
                long durableBefore = engine.committedPosition();

                JournalAudit.Verdict verdict = new JournalAudit(engine.config()).verify(null, live, durableBefore,
                        JournalVerifier.Progress.NONE);

                assertThat(live).isNotNull();
                assertThat(live.sequence()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(durableBefore);
                assertThat(verdict.live().ok()).as(verdict.lines().toString()).isTrue();
                assertThat(verdict.live().note()).contains("sequence=" + live.sequence()).contains("stateHash matches");
                assertThat(verdict.ok()).as(verdict.lines().toString()).isTrue();
            } finally {
                writing.set(false);
                writer.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
