package dev.corebank.server.transfers;

import dev.corebank.server.security.RequestProvenance;
import dev.corebank.ledger.Account;
import dev.corebank.ledger.ResultCode;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.accounts.ChartOfAccounts;
import dev.corebank.server.accounts.TransactionCodes;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import dev.corebank.server.web.Outcomes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deposits and withdrawals: conveniences that become ordinary transfers against the cash account of the customer
 * account's ledger, so the caller needs to know neither the ledger nor the cash account.
 */
@RestController
@Tag(name = "Cash", description = "Deposits and withdrawals at the counter.")
class CashController {
    private final TransferService transfers;
    private final dev.corebank.server.accounts.ChartProperties chart;

    CashController(TransferService transfers, dev.corebank.server.accounts.ChartProperties chart) {
        this.transfers = transfers;
        this.chart = chart;
    }

    @PostMapping("/v1/deposits")
    @Permitted(Permission.MOVE_MONEY)
    @Operation(summary = "Deposit cash", description = "A transfer from the ledger's cash account to the customer's"
            + " account, with code " + TransactionCodes.CASH_DEPOSIT + ". The id is the idempotency key.")
    @ApiResponse(responseCode = "201", description = "Applied and durable: the transfer.")
    @ApiResponse(responseCode = "200", description = "A repeat: the original transfer.")
    ResponseEntity<TransferResponse> deposit(@RequestBody CashRequest body, HttpServletRequest request) {
        return move(body, true, request);
    }

    @PostMapping("/v1/withdrawals")
    @Permitted(Permission.MOVE_MONEY)
    @Operation(summary = "Withdraw cash", description = "A transfer from the customer's account to the ledger's"
            + " cash account, with code " + TransactionCodes.CASH_WITHDRAWAL + ". 422 exceeds_credits when the"
            + " available balance is too small.")
    @ApiResponse(responseCode = "201", description = "Applied and durable: the transfer.")
    @ApiResponse(responseCode = "200", description = "A repeat: the original transfer.")
    ResponseEntity<TransferResponse> withdraw(@RequestBody CashRequest body, HttpServletRequest request) {
        return move(body, false, request);
    }

    private ResponseEntity<TransferResponse> move(CashRequest body, boolean deposit, HttpServletRequest request) {
        UUID id = Fields.requiredId(body.id(), "id");
        UUID accountId = Fields.requiredId(body.accountId(), "accountId");
        long amount = Fields.amount(body.amount(), 1, "amount");
        String reference = Fields.text(body.reference(), Transfer.REFERENCE_BYTES_MAX, "reference");
        Account account = transfers.account(accountId).orElseThrow(() -> Outcomes.rejection(
                ResultCode.ACCOUNT_NOT_FOUND, "account id=" + accountId));
        if (!chart.covers(account.ledger())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "no_cash_account", "the bank keeps no cash in"
                    + " this account's currency accountId=" + accountId);
        }
        UUID cash = ChartOfAccounts.cash(account.ledger());
        Transfer transfer = deposit
                ? new Transfer(id, cash, accountId, amount, account.ledger(), TransactionCodes.CASH_DEPOSIT, 0, null,
                        0, reference, 0)
                : new Transfer(id, accountId, cash, amount, account.ledger(), TransactionCodes.CASH_WITHDRAWAL, 0,
                        null, 0, reference, 0);
        return TransfersController.respond(transfers.create(transfer, RequestProvenance.of(request)), id);
    }
}
