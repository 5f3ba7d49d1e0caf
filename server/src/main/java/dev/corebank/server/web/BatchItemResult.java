package dev.corebank.server.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The outcome of one item of a batch request, in request order. */
@Schema(description = "The engine's result for one item of a batch.")
public record BatchItemResult(
        @Schema(description = "Position of the item in the request array, from 0.", example = "0") int index,
        @Schema(description = "The item's id.", example = "0b9a5f4e-2a51-4c8e-9c55-3d7f1f0e6a10") UUID id,
        @Schema(description = "The engine's result code: ok, exists, or a rejection such as exceeds_credits.",
                example = "ok") String result) {
}
