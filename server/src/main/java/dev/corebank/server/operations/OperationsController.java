package dev.corebank.server.operations;

import dev.corebank.server.security.Caller;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.security.RequestProvenance;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Operations", description = "Fire and forget: long work is accepted with 202 and a status resource,"
        + " and its end is announced by the webhook event operation.completed.")
class OperationsController {
    private final ImportUploads uploads;
    private final OperationStore store;
    private final ImportProperties properties;
    private final Path directory;
    private final Clock clock;

    OperationsController(ImportUploads uploads, OperationStore store, ImportProperties properties) {
        this.uploads = uploads;
        this.store = store;
        this.properties = properties;
        this.directory = uploads.directory();
        this.clock = uploads.clock();
    }

    @PostMapping("/v1/transfer-imports")
    @Permitted(Permission.MOVE_MONEY)
    @Operation(summary = "Import a file of transfers", description = "The body is NDJSON (application/x-ndjson: one"
            + " transfer per line, the JSON of POST /v1/transfers) or CSV (text/csv: a header line with the columns"
            + " id, debitAccountId, creditAccountId, amount, ledger, code and optionally reference), UTF-8, up to"
            + " 256 MB and 1,000,000 transfers. Answers 202 with the Location of the operation and Retry-After. Each"
            + " line is applied once, by its id; a malformed line is an error in the result file, never a failed"
            + " import. A file that cannot be read at all is refused at once.")
    @ApiResponse(responseCode = "202", description = "Accepted; follow Location.")
    ResponseEntity<OperationResponse> importTransfers(HttpServletRequest request) throws IOException {
        ImportFormat format = ImportFormat.of(request.getContentType());
        if (format == null) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "an import is"
                    + " application/x-ndjson or text/csv contentType=" + request.getContentType());
        }
        var operation = uploads.accept(request.getInputStream(), request.getContentLengthLong(), format,
                RequestProvenance.of(request));
        return ResponseEntity.accepted()
                .location(URI.create("/v1/operations/" + operation.id()))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()))
                .body(OperationResponse.of(operation, clock.millis()));
    }

    @GetMapping("/v1/operations/{id}")
    @Permitted(Permission.READ)
    @Operation(summary = "The state of an operation", description = "200 with the progress and Retry-After while it"
            + " runs; 303 See Other to its result once it is done (the body still holds the final state).")
    @ApiResponse(responseCode = "200", description = "Running.")
    @ApiResponse(responseCode = "303", description = "Done; Location names the result.")
    ResponseEntity<OperationResponse> status(@PathVariable("id") String id, HttpServletRequest request) {
        var operation = owned(request, Uuids.parsePathId("id", id));
        OperationResponse body = OperationResponse.of(operation, clock.millis());
        if (operation.running()) {
            return ResponseEntity.ok().header(HttpHeaders.RETRY_AFTER,
                    Long.toString(properties.retryAfter().toSeconds())).body(body);
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(body.result())).body(body);
    }

    @GetMapping("/v1/operations/{id}/result")
    @Permitted(Permission.READ)
    @Operation(summary = "The result file of a finished import", description = "CSV: line,id,result,detail, one row"
            + " per line of the file in order (line counts transfers, not the CSV header). result is ok, exists (this"
            + " id was already applied with these fields, by this import before a restart or earlier), an engine"
            + " rejection such as exceeds_credits, or a line error: malformed, invalid_field, line_too_long.")
    ResponseEntity<Resource> result(@PathVariable("id") String id, HttpServletRequest request) {
        var operation = owned(request, Uuids.parsePathId("id", id));
        if (operation.running()) {
            throw new ApiException(HttpStatus.CONFLICT, "operation_running", "the operation has not finished; its"
                    + " status resource says how far it is id=" + operation.id());
        }
        if (operation.answer() != null) {
            return replay(operation);
        }
        Path file = ImportUploads.result(directory, operation.id());
        if (!Files.exists(file)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "result_not_found", "the operation left no result file id="
                    + operation.id());
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(new FileSystemResource(file));
    }

    /** A single request's result is its answer, as it would have been sent: status, Location, type and body. */
    private ResponseEntity<Resource> replay(dev.corebank.server.operations.Operation operation) {
        var answer = operation.answer();
        Path file = RespondAsyncFilter.answer(directory, operation.id());
        if (answer.status() == null || !Files.exists(file)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "result_not_found", "the request ended without an answer"
                    + " to keep id=" + operation.id() + " error=" + operation.error());
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            builder.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.location() != null) {
            builder.header(HttpHeaders.LOCATION, answer.location());
        }
        return builder.body(new FileSystemResource(file));
    }

    private dev.corebank.server.operations.Operation owned(HttpServletRequest request, UUID id) {
        String keyId = request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller ? caller.keyId() : "";
        return store.find(id).filter(found -> found.ownerKeyId().equals(keyId)).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "operation_not_found", "no operation of this key has this id id=" + id));
    }
}
