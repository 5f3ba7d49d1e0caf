package dev.corebank.server.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON body that creates an API key. */
@Schema(description = "An API key to create.")
record ApiKeyRequest(
        @Schema(description = "What the key may do.", example = "teller",
                allowableValues = {"app", "teller", "operator", "auditor", "admin"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        String role,
        @Schema(description = "Whose key it is.", example = "branch 12 till 3", maxLength = 100,
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "This key's limit of state-changing requests per second; absent for the default.",
                example = "50", minimum = "1", nullable = true)
        Integer requestsPerSecond) {
}
