package dev.corebank.server.accounts;

import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.Fields;
import dev.corebank.server.web.LedgerHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Customers", description = "A customer's personal data, and its erasure.")
class CustomersController {
    private final AccountService accounts;

    CustomersController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The answer to an erasure. */
    record ErasureResponse(String customerId, boolean keyDestroyed) {
    }

    @DeleteMapping("/v1/customers/{customerId}/personal-data")
    @Permitted(Permission.ERASE_PERSONAL_DATA)
    @Operation(summary = "Erase a customer's personal data",
            description = "Destroys the key that encrypts the names and customer ids of the customer's account"
                    + " profiles. The journal keeps the encrypted bytes, so its hash chain still verifies, but no one"
                    + " can read them again: accounts read back without name and customer id. Balances and"
                    + " transfers are not personal data and stay. Repeating it changes nothing more.")
    @ApiResponse(responseCode = "200", description = "Erased; keyDestroyed is false when it was erased before.")
    ResponseEntity<ErasureResponse> erase(@PathVariable("customerId") String customerId,
                                          HttpServletRequest request) {
        String checked = Fields.text(customerId, AccountRequest.CUSTOMER_ID_LENGTH_MAX, "customerId");
        if (checked == null || checked.isBlank()) {
            throw Fields.invalid("customerId", "must not be empty");
        }
        AccountService.Erased erased = accounts.eraseCustomer(checked, RequestProvenance.of(request));
        return ResponseEntity.ok().header(LedgerHeaders.POSITION, Long.toString(erased.position()))
                .body(new ErasureResponse(erased.customerId(), erased.keyDestroyed()));
    }
}
