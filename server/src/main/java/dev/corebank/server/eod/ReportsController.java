package dev.corebank.server.eod;

import dev.corebank.server.accounts.ChartOfAccounts.GlAccount;
import dev.corebank.server.products.ProductCatalog;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports", description = "Trial balance, general-ledger balances and interest, as JSON or CSV.")
class ReportsController {
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final int INTEREST_LIMIT_MAX = 10_000;

    private final DayBook dayBook;
    private final ProductCatalog catalog;

    ReportsController(DayBook dayBook, ProductCatalog catalog) {
        this.dayBook = dayBook;
        this.catalog = catalog;
    }

    /** One line of the trial balance as the API shows it, with its name. */
    record Line(String currency, int code, String name, String type, long openingMinor, long debitsMinor,
                long creditsMinor, long closingMinor) {
    }

    record Total(String currency, long debitsMinor, long creditsMinor, long closingMinor, boolean netsToZero) {
    }

    record TrialBalanceResponse(LocalDate date, List<Line> lines, List<Total> totals) {
    }

    @GetMapping("/v1/reports/trial-balance")
    @Operation(summary = "Trial balance of a business date",
            description = "Per general-ledger line (currency and code): the balance before the date, the debits and"
                    + " credits booked on it, and the balance after, debit-positive; with totals per ledger, which"
                    + " net to zero. format=csv answers text/csv.")
    ResponseEntity<?> trialBalance(@RequestParam("date") String date,
                                   @RequestParam(name = "format", required = false) String format) {
        TrialBalanceResponse report = report(dayBook.trialBalance(EodController.date(date, "date")));
        if (!csv(format)) {
            return ResponseEntity.ok(report);
        }
        StringBuilder out = new StringBuilder("date,currency,code,name,type,opening_minor,debits_minor,"
                + "credits_minor,closing_minor\n");
        for (Line line : report.lines()) {
            out.append(report.date()).append(',').append(line.currency()).append(',').append(line.code()).append(',')
                    .append(csvText(line.name())).append(',').append(line.type()).append(',')
                    .append(line.openingMinor()).append(',').append(line.debitsMinor()).append(',')
                    .append(line.creditsMinor()).append(',').append(line.closingMinor()).append('\n');
        }
        for (Total total : report.totals()) {
            out.append(report.date()).append(',').append(total.currency()).append(",,total,,,")
                    .append(total.debitsMinor()).append(',').append(total.creditsMinor()).append(',')
                    .append(total.closingMinor()).append('\n');
        }
        return ResponseEntity.ok().contentType(CSV).body(out.toString());
    }

    @GetMapping("/v1/reports/gl-balances")
    @Operation(summary = "General-ledger balances by code at the end of a business date",
            description = "The closing balance of every line, debit-positive. format=csv answers text/csv.")
    ResponseEntity<?> glBalances(@RequestParam("date") String date,
                                 @RequestParam(name = "format", required = false) String format) {
        TrialBalanceResponse report = report(dayBook.trialBalance(EodController.date(date, "date")));
        if (!csv(format)) {
            return ResponseEntity.ok(report.lines().stream().map(line -> new GlBalance(report.date(),
                    line.currency(), line.code(), line.name(), line.closingMinor())).toList());
        }
        StringBuilder out = new StringBuilder("date,currency,code,name,balance_minor\n");
        for (Line line : report.lines()) {
            out.append(report.date()).append(',').append(line.currency()).append(',').append(line.code()).append(',')
                    .append(csvText(line.name())).append(',').append(line.closingMinor()).append('\n');
        }
        return ResponseEntity.ok().contentType(CSV).body(out.toString());
    }

    record GlBalance(LocalDate date, String currency, int code, String name, long balanceMinor) {
    }

    @GetMapping("/v1/reports/interest")
    @Operation(summary = "Interest accrued and paid per account",
            description = "Accounts with a product, in the order they opened, from offset, at most limit (up to"
                    + " 10000). Accrued is not yet posted, at the accrual precision. format=csv answers text/csv.")
    ResponseEntity<?> interest(@RequestParam(name = "offset", defaultValue = "0") int offset,
                               @RequestParam(name = "limit", defaultValue = "1000") int limit,
                               @RequestParam(name = "format", required = false) String format) {
        if (offset < 0 || limit < 1 || limit > INTEREST_LIMIT_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_limit", "offset must be at least 0 and limit"
                    + " from 1 to " + INTEREST_LIMIT_MAX);
        }
        List<InterestPosition> positions = dayBook.interest(offset, limit);
        if (!csv(format)) {
            return ResponseEntity.ok(positions);
        }
        StringBuilder out = new StringBuilder("account_id,product,product_version,balance_minor,accrued_minor,"
                + "paid_minor,overdraft_accrued_minor,overdraft_charged_minor,overdraft_limit_minor,dormant\n");
        for (InterestPosition position : positions) {
            out.append(position.accountId()).append(',').append(position.product()).append(',')
                    .append(position.productVersion()).append(',').append(position.balanceMinor()).append(',')
                    .append(position.accruedMinor().toPlainString()).append(',').append(position.paidMinor())
                    .append(',').append(position.overdraftAccruedMinor().toPlainString()).append(',')
                    .append(position.overdraftChargedMinor()).append(',').append(position.overdraftLimitMinor())
                    .append(',').append(position.dormant()).append('\n');
        }
        return ResponseEntity.ok().contentType(CSV).body(out.toString());
    }

    @GetMapping("/v1/reports/interest/{accountId}")
    @Operation(summary = "Interest accrued and paid of one account")
    InterestPosition interestOf(@PathVariable("accountId") String accountId) {
        UUID id = Uuids.parsePathId("accountId", accountId);
        InterestPosition position = dayBook.interest(id);
        if (position == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "account_not_found", "no account with this id id=" + id);
        }
        return position;
    }

    private TrialBalanceResponse report(TrialBalance balance) {
        List<Line> lines = balance.lines().stream().map(line -> new Line(line.currency(), line.code(),
                name(line.code()), line.type().name(), line.openingMinor(), line.debitsMinor(), line.creditsMinor(),
                line.closingMinor())).toList();
        List<Total> totals = balance.totals().stream().map(total -> new Total(total.currency(), total.debitsMinor(),
                total.creditsMinor(), total.closingMinor(), total.netsToZero())).toList();
        return new TrialBalanceResponse(balance.date(), lines, totals);
    }

    private String name(int code) {
        GlAccount gl = GlAccount.ofCode(code);
        if (gl != null) {
            return gl.title("").strip();
        }
        String product = catalog.productOfCode(code);
        return product != null ? "customer balances: " + product : "accounts with code " + code;
    }

    private static boolean csv(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_format", "format must be json or csv");
    }

    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
