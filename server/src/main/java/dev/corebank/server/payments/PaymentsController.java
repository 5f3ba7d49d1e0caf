package dev.corebank.server.payments;

import dev.corebank.server.payments.iso.Iso;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/payments")
@Tag(name = "Payments", description = "Payments to and from other banks over the payment network (docs/payments.md).")
class PaymentsController {
    private static final String RETRY_AFTER_SECONDS = "1";
    private final PaymentService payments;

    PaymentsController(PaymentService payments) {
        this.payments = payments;
    }

    @PostMapping
    @Permitted(Permission.MOVE_MONEY)
    @Operation(summary = "Send a payment to another bank",
            description = "Answers 202 once the request is journaled and the funds are held (status held), or"
                    + " refused by the ledger (status rejected with an ISO 20022 reason such as AM04). The network's"
                    + " answer comes later: GET the Location, or subscribe to the webhook payment.completed. The id"
                    + " is the idempotency key: the same body again answers 202 with the payment as it stands; other"
                    + " content with the same id answers 409.")
    @ApiResponse(responseCode = "202", description = "Accepted; Location is the status resource.")
    ResponseEntity<PaymentResponse> create(@RequestBody PaymentRequest body, HttpServletRequest request) {
        PaymentService.Accepted accepted = payments.initiate(body, RequestProvenance.of(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/v1/payments/" + accepted.payment().id()))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(accepted.payment());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A payment's status and every step so far",
            description = "Outgoing payments by the client's id; incoming ones by the id the bank derived from the"
                    + " UETR. Each step names the journal position that recorded it.")
    ResponseEntity<PaymentResponse> get(@PathVariable("id") String id) {
        PaymentResponse payment = payments.find(Uuids.parsePathId("id", id)).orElseThrow(() -> notFound(id));
        return payment.isFinal() ? ResponseEntity.ok(payment)
                : ResponseEntity.ok().header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(payment);
    }

    @GetMapping("/by-uetr/{uetr}")
    @Operation(summary = "A payment by its UETR", description = "The same payment seen from either bank.")
    PaymentResponse byUetr(@PathVariable("uetr") String uetr) {
        try {
            Iso.requireUetr(uetr);
        } catch (IllegalArgumentException invalid) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_uetr", "a UETR is a lower-case version 4 UUID");
        }
        return payments.findByUetr(uetr).orElseThrow(() -> notFound(uetr));
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "payment_not_found", "no payment with this id id="
                + (id.length() > 40 ? id.substring(0, 40) : id));
    }
}
