package dev.corebank.server.accounts;

import dev.corebank.ledger.AccountOperation;
import dev.corebank.ledger.LedgerEngine;
import dev.corebank.ledger.OverdraftLimit;
import dev.corebank.ledger.ResultCode;
import dev.corebank.server.products.ProductCatalog;
import dev.corebank.server.products.ProductDefinition;
import dev.corebank.server.products.Products;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.BatchItemResult;
import dev.corebank.server.web.LedgerHeaders;
import dev.corebank.server.web.Outcomes;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/accounts")
@Tag(name = "Accounts", description = "Open accounts, read their balances, freeze, unfreeze and close them.")
class AccountsController {
    private static final String OPEN_EXAMPLE = """
            {"id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "ledger": "USD", "type": "LIABILITY", "code": 2001,
             "flags": ["DEBITS_MUST_NOT_EXCEED_CREDITS"], "name": "Aung Aung savings", "customerId": "C-1001"}""";

    private final AccountService accounts;
    private final int batchSizeMax;
    private final Products products;
    private final ProductCatalog catalog;

    AccountsController(AccountService accounts, LedgerEngine engine, Products products, ProductCatalog catalog) {
        this.accounts = accounts;
        this.batchSizeMax = engine.config().batchSizeMax();
        this.products = products;
        this.catalog = catalog;
    }

    /** The latest version of a product, once the catalog has read everything committed so far. */
    private ProductDefinition product(String productId) {
        return products.latest(productId).orElse(null);
    }

    private AccountResponse response(AccountDetails details) {
        return AccountResponse.of(details, catalog.productOf(details.account().id()));
    }

    @PostMapping
    @Permitted(Permission.OPEN_ACCOUNTS)
    @Operation(summary = "Open an account",
            description = "The id is the idempotency key: the same id and body again answers 200 with the account;"
                    + " the same id with a different body answers 409.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(name = "customer deposit account", value = OPEN_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Opened.")
    @ApiResponse(responseCode = "200", description = "Already open with the same fields: the account as stored.")
    ResponseEntity<AccountResponse> open(@RequestBody AccountRequest body, HttpServletRequest request) {
        OpenAccount command = body.toCommand("", this::product);
        AccountService.Outcome outcome = accounts.openOne(command, RequestProvenance.of(request));
        HttpStatus status = Outcomes.statusOrThrow(outcome.code(), "account id=" + command.id());
        // The product an account keeps is read back from the catalog, a reactor: wait for it to read the open, so the
        // answer shows what a later read shows (any account whose code is a product's has that product).
        products.awaitCatalog(outcome.position());
        return ResponseEntity.status(status)
                .location(URI.create("/v1/accounts/" + command.id()))
                .header(LedgerHeaders.POSITION, Long.toString(outcome.position()))
                .body(response(outcome.account()));
    }

    @PostMapping("/batch")
    @Permitted(Permission.OPEN_ACCOUNTS)
    @Operation(summary = "Open a batch of accounts",
            description = "Up to 8189 accounts with distinct ids. Answers 200 with one result per item, in order:"
                    + " ok, exists, or the engine's rejection code.")
    @ApiResponse(responseCode = "200", description = "One result per item.")
    ResponseEntity<List<BatchItemResult>> openBatch(@RequestBody List<AccountRequest> body,
                                                    HttpServletRequest request) {
        checkBatchSize(body.size());
        List<OpenAccount> commands = new ArrayList<>(body.size());
        Set<UUID> ids = new HashSet<>();
        for (int index = 0; index < body.size(); index++) {
            AccountRequest item = body.get(index);
            if (item == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "a batch item must be an object"
                        + " field=[" + index + "]");
            }
            OpenAccount command = item.toCommand("[" + index + "].", this::product);
            if (!ids.add(command.id())) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "duplicate_id", "a batch must not open the same"
                        + " account twice field=[" + index + "].id id=" + command.id());
            }
            commands.add(command);
        }
        AccountService.Opened opened = accounts.open(commands, RequestProvenance.of(request));
        List<BatchItemResult> results = new ArrayList<>(commands.size());
        for (int index = 0; index < commands.size(); index++) {
            results.add(new BatchItemResult(index, commands.get(index).id(), opened.code(index).wireName()));
        }
        return ResponseEntity.ok().header(LedgerHeaders.POSITION, Long.toString(opened.position())).body(results);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read an account and its balances",
            description = "Read from the engine itself, so it includes every acknowledged write.")
    @ApiResponse(responseCode = "200", description = "The account.")
    AccountResponse get(@PathVariable("id") String id) {
        UUID accountId = Uuids.parsePathId("id", id);
        return accounts.find(accountId).map(this::response).orElseThrow(() -> notFound(accountId));
    }

    @PostMapping("/{id}/freeze")
    @Permitted(Permission.CHANGE_ACCOUNTS)
    @Operation(summary = "Freeze an account", description = "No new transfers may touch it; holds can still be"
            + " voided or expire. Freezing a frozen account changes nothing and answers 200.")
    @ApiResponse(responseCode = "200", description = "The account after the change.")
    ResponseEntity<AccountResponse> freeze(@PathVariable("id") String id, HttpServletRequest request) {
        return change(id, AccountOperation.FREEZE, request);
    }

    @PostMapping("/{id}/unfreeze")
    @Permitted(Permission.CHANGE_ACCOUNTS)
    @Operation(summary = "Unfreeze an account")
    @ApiResponse(responseCode = "200", description = "The account after the change.")
    ResponseEntity<AccountResponse> unfreeze(@PathVariable("id") String id, HttpServletRequest request) {
        return change(id, AccountOperation.UNFREEZE, request);
    }

    @PostMapping("/{id}/close")
    @Permitted(Permission.CHANGE_ACCOUNTS)
    @Operation(summary = "Close an account", description = "Final. The balance must be zero and there must be no"
            + " pending holds (422 account_balance_not_zero or account_has_pending_transfers otherwise).")
    @ApiResponse(responseCode = "200", description = "The account after the change.")
    ResponseEntity<AccountResponse> close(@PathVariable("id") String id, HttpServletRequest request) {
        return change(id, AccountOperation.CLOSE, request);
    }

    @PostMapping("/{id}/reactivate")
    @Permitted(Permission.CHANGE_ACCOUNTS)
    @Operation(summary = "Reactivate a dormant account", description = "It may then be debited again. No fee is"
            + " charged for reactivation. Reactivating an active account changes nothing and answers 200.")
    @ApiResponse(responseCode = "200", description = "The account after the change.")
    ResponseEntity<AccountResponse> reactivate(@PathVariable("id") String id, HttpServletRequest request) {
        return change(id, AccountOperation.REACTIVATE, request);
    }

    @PutMapping("/{id}/overdraft")
    @Permitted(Permission.CHANGE_ACCOUNTS)
    @Operation(summary = "Set an account's arranged overdraft limit",
            description = "The ledger enforces it: a debit beyond it is refused with exceeds_overdraft_limit. A"
                    + " product account's limit may not exceed its product's limitMaxMinor; a limit below what the"
                    + " account owes is refused (422 exceeds_overdraft_limit).")
    @ApiResponse(responseCode = "200", description = "The account after the change.")
    ResponseEntity<AccountResponse> overdraft(@PathVariable("id") String id, @RequestBody OverdraftRequest body,
                                              HttpServletRequest request) {
        UUID accountId = Uuids.parsePathId("id", id);
        long limit = checkedOverdraftLimit(accountId, body);
        return changed(accounts.setOverdraftLimit(accountId, limit, RequestProvenance.of(request)), accountId);
    }

    /** The body of PUT /v1/accounts/{id}/overdraft. */
    record OverdraftRequest(Long limitMinor) {
    }

    /** The requested limit, or 400 invalid_field when it is missing, out of range or beyond the account's product. */
    private long checkedOverdraftLimit(UUID accountId, OverdraftRequest body) {
        long limit = body == null || body.limitMinor() == null ? -1 : body.limitMinor();
        if (limit < 0 || limit > OverdraftLimit.LIMIT_MINOR_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "limitMinor must be a whole number from"
                    + " 0 field=limitMinor");
        }
        ProductDefinition product = catalog.productOf(accountId);
        if (product != null && (product.overdraft() == null || limit > product.overdraft().limitMaxMinor())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "limitMinor is beyond what the product "
                    + product.id() + " allows field=limitMinor limitMaxMinor="
                    + (product.overdraft() == null ? 0 : product.overdraft().limitMaxMinor()));
        }
        return limit;
    }

    private ResponseEntity<AccountResponse> change(String id, AccountOperation operation,
                                                   HttpServletRequest request) {
        UUID accountId = Uuids.parsePathId("id", id);
        return changed(accounts.change(accountId, operation, RequestProvenance.of(request)), accountId);
    }

    @PutMapping("/{id}/profile")
    @Permitted(Permission.OPEN_ACCOUNTS)
    @Operation(summary = "Replace an account's name and customer",
            description = "Journaled like every change, encrypted under the customer's key. The same values again"
                    + " change nothing. A closed account's profile cannot change (422 account_closed).")
    @ApiResponse(responseCode = "200", description = "The account with its new profile.")
    ResponseEntity<AccountResponse> changeProfile(@PathVariable("id") String id, @RequestBody ProfileRequest body,
                                                  HttpServletRequest request) {
        UUID accountId = Uuids.parsePathId("id", id);
        AccountService.Outcome outcome = accounts.changeProfile(accountId, body.checkedName(),
                body.checkedCustomerId(), RequestProvenance.of(request));
        return changed(outcome, accountId);
    }

    /** 200 with the account after a change, 404 for an unknown account, or the problem for the engine's refusal. */
    private ResponseEntity<AccountResponse> changed(AccountService.Outcome outcome, UUID accountId) {
        if (outcome.code() == ResultCode.ACCOUNT_NOT_FOUND) {
            throw notFound(accountId);
        }
        if (outcome.code() != ResultCode.OK) {
            throw Outcomes.rejection(outcome.code(), "account id=" + accountId);
        }
        return ResponseEntity.ok().header(LedgerHeaders.POSITION, Long.toString(outcome.position()))
                .body(response(outcome.account()));
    }

    private void checkBatchSize(int size) {
        if (size == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "batch_empty", "a batch needs at least one item");
        }
        if (size > batchSizeMax) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "batch_too_large", "a batch holds at most "
                    + batchSizeMax + " items size=" + size);
        }
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, "account_not_found", "no account with this id id=" + id);
    }
}
