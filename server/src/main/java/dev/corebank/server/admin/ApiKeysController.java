package dev.corebank.server.admin;

import dev.corebank.server.security.ApiKeys;
import dev.corebank.server.security.NewApiKey;
import dev.corebank.server.security.Permission;
import dev.corebank.server.security.Permitted;
import dev.corebank.server.security.RequestProvenance;
import jakarta.servlet.http.HttpServletRequest;
import dev.corebank.server.security.Role;
import dev.corebank.server.security.Roles;
import dev.corebank.server.web.ApiException;
import dev.corebank.server.web.Fields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/admin/keys")
@Permitted(Permission.MANAGE_KEYS)
@Tag(name = "API keys", description = "Create, list and revoke API keys. Admin only.")
class ApiKeysController {
    private final ApiKeys keys;

    ApiKeysController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create an API key", description = "The answer holds the secret, once.")
    @ApiResponse(responseCode = "201", description = "Created; the only answer that shows the secret.")
    ResponseEntity<ApiKeyResponse> create(@RequestBody ApiKeyRequest body, HttpServletRequest request) {
        Role role = Roles.parse(Fields.required(body.role(), "role")).orElseThrow(() -> Fields.invalid("role",
                "must be one of " + Roles.known()));
        String name = Fields.required(body.name(), "name");
        if (name.isBlank() || name.length() > ApiKeys.NAME_LENGTH_MAX) {
            throw Fields.invalid("name", "must be 1 to " + ApiKeys.NAME_LENGTH_MAX + " characters");
        }
        if (body.requestsPerSecond() != null && body.requestsPerSecond() <= 0) {
            throw Fields.invalid("requestsPerSecond", "must be positive");
        }
        NewApiKey created = keys.create(role, name, body.requestsPerSecond(), RequestProvenance.of(request));
        return ResponseEntity.created(URI.create("/v1/admin/keys/" + created.key().keyId()))
                .body(ApiKeyResponse.of(created.key(), created.secret()));
    }

    @GetMapping
    @Operation(summary = "List API keys", description = "Every key, active or revoked, without secrets.")
    List<ApiKeyResponse> list() {
        return keys.list().stream().map(key -> ApiKeyResponse.of(key, null)).toList();
    }

    @GetMapping("/{keyId}")
    @Operation(summary = "Read an API key")
    ApiKeyResponse get(@PathVariable("keyId") String keyId) {
        return keys.find(keyId).map(key -> ApiKeyResponse.of(key, null)).orElseThrow(() -> notFound(keyId));
    }

    @PostMapping("/{keyId}/revoke")
    @Operation(summary = "Revoke an API key", description = "Takes effect at once on this node. Revoking a revoked"
            + " key changes nothing.")
    @ApiResponse(responseCode = "200", description = "The key, now revoked.")
    ApiKeyResponse revoke(@PathVariable("keyId") String keyId, HttpServletRequest request) {
        return keys.revoke(keyId, RequestProvenance.of(request)).map(key -> ApiKeyResponse.of(key, null)).orElseThrow(() -> notFound(keyId));
    }

    private static ApiException notFound(String keyId) {
        String shown = keyId.length() <= 40 ? keyId : keyId.substring(0, 40) + "...";
        return new ApiException(HttpStatus.NOT_FOUND, "api_key_not_found", "no API key with this id keyId=" + shown);
    }
}
