package dev.corebank.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corebank.server.security.ApiKey;
import dev.corebank.server.security.Roles;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An API key as the admin API shows it. The secret appears only in the response that created the key. */
@Schema(description = "An API key. secret is present only in the answer to the request that created it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyResponse(
        @Schema(example = "ck_3f2a9c0d1b7e4a55") String keyId,
        @Schema(example = "teller") String role,
        @Schema(example = "branch 12 till 3") String name,
        Instant createdAt,
        Instant revokedAt,
        @Schema(example = "50") Integer requestsPerSecond,
        @Schema(description = "Send as Authorization: Bearer <secret>. Shown once; corebank keeps only its hash.",
                example = "cbk_Vx3lQ0s8rK2m9PqT1uYw4zA7bC5dE6fG8hJ0kL2nM4o")
        String secret) {

    static ApiKeyResponse of(ApiKey key, String secret) {
        return new ApiKeyResponse(key.keyId(), Roles.name(key.role()), key.name(), key.createdAt(), key.revokedAt(),
                key.requestsPerSecond(), secret);
    }
}
