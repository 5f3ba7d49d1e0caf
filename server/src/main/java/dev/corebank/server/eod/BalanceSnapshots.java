package dev.corebank.server.eod;

import dev.corebank.server.ledger.LedgerProperties;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The step {@code statements-and-snapshot}: each account's balance through the closing date and its accrued
 * interest, as one CSV file per date, {@code <data-directory>/eod/balances-YYYY-MM-DD.csv}
 * ({@code account_id,ledger,code,balance_minor,accrued_interest_minor}; balance is credits minus debits). It is written
 * to a temporary file, forced to disk and renamed into place, so a crash leaves the old file or the new one, and running
 * the step again rewrites it. A file rather than rows, because a million rows a day into the embedded database took
 * longer than the rest of end of day together; like every derived store it is rebuilt by running the step again.
 */
@Component
final class BalanceSnapshots {
    static final int PROGRESS_EVERY = 10_000;
    private final Path directory;

    BalanceSnapshots(LedgerProperties properties) {
        this.directory = properties.dataDirectory().resolve("eod");
    }

    Path file(LocalDate date) {
        return directory.resolve("balances-" + date + ".csv");
    }

    EodSteps.Record write(EodRun run, DayBook dayBook) {
        LocalDate date = run.date();
        run.begin(EodSteps.SNAPSHOT, dayBook.accountCount());
        Path target = file(date);
        Path temporary = directory.resolve(target.getFileName() + ".tmp");
        long[] written = {0};
        try {
            Files.createDirectories(directory);
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write("account_id,ledger,code,balance_minor,accrued_interest_minor\n");
                dayBook.forEachBalance((UUID account, int ledger, int code, long balance, BigDecimal accrued) -> {
                    try {
                        out.write(account + "," + ledger + "," + code + "," + balance + ","
                                + accrued.toPlainString() + "\n");
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                    if (++written[0] % PROGRESS_EVERY == 0) {
                        run.progress(written[0]);
                    }
                });
            }
            try (var channel = java.nio.channels.FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException failure) {
            throw new EndOfDay.EodStopped("cannot write the balance snapshot file=" + target + " reason="
                    + failure.getMessage());
        }
        return new EodSteps.Record(date, EodSteps.SNAPSHOT, written[0], 0, 0, written[0] + " account balances in "
                + target.getFileName());
    }
}
