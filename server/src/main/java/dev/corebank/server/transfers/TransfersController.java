package dev.corebank.server.transfers;

import dev.corebank.server.security.RequestProvenance;
import dev.corebank.ledger.BatchResult;
import dev.corebank.ledger.Transfer;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
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
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/transfers")
@Tag(name = "Transfers", description = "Move money between accounts of one ledger; place, post and void holds.")
class TransfersController {
    private static final String TRANSFER_EXAMPLE = """
            {"id": "0b9a5f4e-2a51-4c8e-9c55-3d7f1f0e6a10",
             "debitAccountId": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
             "creditAccountId": "7a2d3c4b-5e6f-4a70-8b9c-0d1e2f3a4b5c",
             "amount": 2500, "ledger": "USD", "code": 1101, "reference": "rent January"}""";
    private static final String HOLD_EXAMPLE = """
            {"id": "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5",
             "debitAccountId": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
             "creditAccountId": "7a2d3c4b-5e6f-4a70-8b9c-0d1e2f3a4b5c",
             "amount": 4000, "ledger": "USD", "code": 1201, "flags": ["PENDING"], "timeoutSeconds": 86400}""";
    private static final String POST_EXAMPLE = """
            {"id": "2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6", "pendingId": "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5",
             "flags": ["POST_PENDING"], "amount": 3500}""";

    private final TransferService transfers;

    TransfersController(TransferService transfers) {
        this.transfers = transfers;
    }

    @PostMapping
    @Permitted(Permission.MOVE_MONEY)
    @Operation(summary = "Create a transfer",
            description = "The id is the idempotency key: the same id and body again answers 200 with the original"
                    + " transfer; the same id with a different body answers 409 exists_with_different_fields. A"
                    + " business rejection answers 422 with the engine's result code, for example exceeds_credits.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "transfer", value = TRANSFER_EXAMPLE),
                    @ExampleObject(name = "hold (pending transfer)", value = HOLD_EXAMPLE),
                    @ExampleObject(name = "post part of a hold", value = POST_EXAMPLE)})))
    @ApiResponse(responseCode = "201", description = "Applied and durable.")
    @ApiResponse(responseCode = "200", description = "A repeat: the original transfer.")
    ResponseEntity<TransferResponse> create(@RequestBody TransferRequest body, HttpServletRequest request) {
        return respond(transfers.create(body.toTransfer(""), RequestProvenance.of(request)), body.id());
    }

    @PostMapping("/batch")
    @Permitted(Permission.MOVE_MONEY)
    @Operation(summary = "Create a batch of transfers",
            description = "Up to 8189 transfers, applied in order in one journal entry. Answers 200 with one"
                    + " {index, id, result} per item; result is ok, exists, or the engine's rejection code. LINKED"
                    + " transfers succeed or fail together with the next one.")
    @ApiResponse(responseCode = "200", description = "One result per item.")
    ResponseEntity<List<BatchItemResult>> createBatch(@RequestBody List<TransferRequest> body,
                                                      HttpServletRequest request) {
        if (body.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "batch_empty", "a batch needs at least one item");
        }
        if (body.size() > transfers.batchSizeMax()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "batch_too_large", "a batch holds at most "
                    + transfers.batchSizeMax() + " items size=" + body.size());
        }
        List<Transfer> batch = new ArrayList<>(body.size());
        for (int index = 0; index < body.size(); index++) {
            TransferRequest item = body.get(index);
            if (item == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "a batch item must be an object"
                        + " field=[" + index + "]");
            }
            batch.add(item.toTransfer("[" + index + "]."));
        }
        BatchResult result = transfers.createBatch(batch, RequestProvenance.of(request));
        List<BatchItemResult> results = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            results.add(new BatchItemResult(index, batch.get(index).id(), result.code(index).wireName()));
        }
        return ResponseEntity.ok().header(LedgerHeaders.POSITION, Long.toString(result.position())).body(results);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a transfer", description = "Read from the engine itself. A rejected transfer was"
            + " never stored: it is 404 here, and its attempt is in the journal.")
    @ApiResponse(responseCode = "200", description = "The transfer.")
    TransferResponse get(@PathVariable("id") String id) {
        UUID transferId = Uuids.parsePathId("id", id);
        return transfers.find(transferId).map(TransferResponse::of).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "transfer_not_found", "no transfer with this id id=" + transferId));
    }

    /** 201 or 200 with the stored transfer, or the problem for the engine's result. */
    static ResponseEntity<TransferResponse> respond(TransferService.Outcome outcome, UUID id) {
        HttpStatus status = Outcomes.statusOrThrow(outcome.code(), "transfer id=" + id);
        if (outcome.transfer() == null) {
            throw new IllegalStateException("an applied transfer was not found by its id id=" + id);
        }
        return ResponseEntity.status(status)
                .location(URI.create("/v1/transfers/" + id))
                .header(LedgerHeaders.POSITION, Long.toString(outcome.position()))
                .body(TransferResponse.of(outcome.transfer()));
    }
}
