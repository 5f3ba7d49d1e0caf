package dev.corebank.server.history;

import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer statement of a period as a document a customer would recognise: a printable HTML page with the bank's
 * name ({@code corebank.bank.name}), the account, the period, the opening and closing balances and every line, or the
 * same as CSV. It reads the same statement as {@code GET /v1/accounts/{id}/statement}, up to the lines limit.
 */
@RestController
@Tag(name = "History", description = "Account history and statements from the read model.")
class StatementDocumentController {
    private static final DateTimeFormatter POSTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final HistoryRepository repository;
    private final HistoryProperties properties;
    private final String bankName;

    StatementDocumentController(HistoryRepository repository, HistoryProperties properties,
                                @Value("${corebank.bank.name:corebank}") String bankName) {
        this.repository = repository;
        this.properties = properties;
        this.bankName = bankName;
    }

    @GetMapping("/v1/accounts/{accountId}/statement/document")
    @Operation(summary = "The statement of a period as printable HTML or CSV",
            description = "format=html (default) answers a page to print or save as PDF; format=csv the lines.")
    ResponseEntity<String> document(@PathVariable("accountId") String accountId,
                                    @RequestParam(name = "from", required = false) String from,
                                    @RequestParam(name = "to", required = false) String to,
                                    @RequestParam(name = "format", required = false) String format) {
        UUID id = Uuids.parsePathId("accountId", accountId);
        StatementPeriod period = StatementPeriod.parse(from, to, properties.statementDaysMax());
        Statement statement = repository.statement(id, period, 0, properties.statementLinesMax()).value();
        if (statement == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "account_not_found", "no account with this id id=" + id);
        }
        if ("csv".equals(format)) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                    .body(csv(statement));
        }
        if (format != null && !format.equals("html")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_format", "format must be html or csv");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .body(html(statement));
    }

    static String csv(Statement statement) {
        StringBuilder out = new StringBuilder("posted_at,transfer_id,code,reference,debit_minor,credit_minor,"
                + "balance_minor\n");
        for (StatementLine line : statement.lines()) {
            out.append(line.postedAt()).append(',').append(line.transferId()).append(',').append(line.code())
                    .append(',').append(csvText(line.reference())).append(',').append(line.debitAmount()).append(',')
                    .append(line.creditAmount()).append(',').append(line.balance()).append('\n');
        }
        return out.toString();
    }

    private String html(Statement statement) {
        StringBuilder rows = new StringBuilder();
        for (StatementLine line : statement.lines()) {
            rows.append("<tr><td>").append(POSTED.format(line.postedAt())).append("</td><td>")
                    .append(escape(line.reference() == null || line.reference().isEmpty() ? "code " + line.code()
                            : line.reference())).append("</td><td class=n>")
                    .append(line.debitAmount() == 0 ? "" : money(line.debitAmount())).append("</td><td class=n>")
                    .append(line.creditAmount() == 0 ? "" : money(line.creditAmount())).append("</td><td class=n>")
                    .append(money(line.balance())).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Statement %s %s to %s</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%%}
                td,th{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}.n{text-align:right}
                @media print{body{margin:0}}</style></head><body>
                <h1>%s</h1><h2>Account statement</h2>
                <p>Account <b>%s</b> (%s)<br>Period %s to %s</p>
                <p>Opening balance <b>%s %s</b><br>Closing balance <b>%s %s</b><br>
                Total debits %s, total credits %s</p>
                <table><thead><tr><th>Date (UTC)</th><th>Description</th><th class=n>Debit</th><th class=n>Credit</th>
                <th class=n>Balance</th></tr></thead><tbody>
                %s</tbody></table>%s</body></html>
                """.formatted(statement.accountId(), statement.from(), statement.to(), escape(bankName),
                statement.accountId(), statement.ledger(), statement.from(), statement.to(), statement.ledger(),
                money(statement.openingBalance()), statement.ledger(), money(statement.closingBalance()),
                money(statement.totalDebits()), money(statement.totalCredits()), rows,
                statement.nextCursor() == null ? "" : "<p>More lines than one statement shows: ask for a shorter"
                        + " period.</p>");
    }

    /** Minor units shown with two decimals, as most of the bank's currencies have. */
    private static String money(long minor) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String csvText(String text) {
        return text == null ? "" : text.contains(",") || text.contains("\"")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
