package dev.corebank.server.witness;

import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Witness", description = "What happened to a transfer, a request or a trace, from the journal.")
class WitnessController {
    private static final int TEXT_LENGTH_MAX = 64;

    private final WitnessService witnesses;

    WitnessController(WitnessService witnesses) {
        this.witnesses = witnesses;
    }

    @GetMapping("/v1/witness")
    @Permitted(Permission.READ_AUDIT)
    @Operation(summary = "The witness of a transfer, request or trace",
            description = "Exactly one of transferId, requestId (the X-Request-Id of a request) or traceId (32 hex"
                    + " digits). Answers every journal entry it led to: the request that caused it (who, from where,"
                    + " when, which endpoint, the Idempotency-Key), the entry (sequence, time, hash and previous"
                    + " hash), its events, its audit record, and every reactor with whether it has processed it.")
    @ApiResponse(responseCode = "200", description = "The witness.")
    @ApiResponse(responseCode = "404", description = "The journal holds nothing for it (witness_not_found).")
    Witness witness(@RequestParam(name = "transferId", required = false) String transferId,
                    @RequestParam(name = "requestId", required = false) String requestId,
                    @RequestParam(name = "traceId", required = false) String traceId) {
        int given = (transferId != null ? 1 : 0) + (requestId != null ? 1 : 0) + (traceId != null ? 1 : 0);
        if (given != 1) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "witness_query_invalid",
                    "give exactly one of transferId, requestId or traceId given=" + given);
        }
        Witness witness;
        if (transferId != null) {
            witness = witnesses.ofTransfer(Uuids.parsePathId("transferId", transferId));
        } else if (requestId != null) {
            witness = witnesses.ofRequest(checked("requestId", requestId));
        } else {
            witness = witnesses.ofTrace(checkedTrace(traceId));
        }
        if (witness.entries().isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "witness_not_found", "the journal holds no entry for "
                    + witness.query() + " journalPosition=" + witness.journalPosition());
        }
        return witness;
    }

    private static String checked(String field, String value) {
        if (value.isBlank() || value.length() > TEXT_LENGTH_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", field + " must be 1 to "
                    + TEXT_LENGTH_MAX + " characters");
        }
        return value;
    }

    private static String checkedTrace(String traceId) {
        if (!traceId.matches("[0-9a-f]{32}")) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field", "traceId must be 32 lowercase hex digits");
        }
        return traceId;
    }
}
