package dev.corebank.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs} (and shown at {@code /swagger-ui.html}): the API key scheme,
 * and the problem responses every operation can give, each with an example, so that the endpoints only describe what
 * is particular to them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    private static final String SECURITY_SCHEME = "apiKey";
    private static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI corebankOpenApi() {
        return new OpenAPI()
                .info(new Info().title("corebank API").version("v1")
                        .license(new License().name("Apache-2.0"))
                        .description("""
                                The HTTP API of corebank. Amounts are integers in minor units of the ledger's \
                                currency (cents for USD); money never passes through floating point. Every error is \
                                an RFC 9457 problem with a stable `code` and the request's `traceId`. Write \
                                responses carry `X-Ledger-Position`; pass it as `X-Min-Position` to a history read \
                                to see your own write. See docs/api.md for the role matrix and a walk-through."""))
                .components(new Components()
                        .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key: Authorization: Bearer <key>."))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                ApiResponses responses = entry.getValue().getResponses();
                boolean write = entry.getKey() == PathItem.HttpMethod.POST;
                add(responses, "400", "Malformed or invalid input; nothing was changed.", "invalid_amount",
                        "amount must be at least 1 minor units field=amount amount=0");
                add(responses, "401", "No API key, or an unknown or revoked one.", "api_key_missing",
                        "send the API key as Authorization: Bearer <key>");
                add(responses, "403", "The key's role may not do this.", "role_not_allowed",
                        "the key's role may not do this role=auditor needs=[APP, TELLER, OPERATOR, ADMIN]");
                if (path.contains("{")) {
                    add(responses, "404", "No such item.", "account_not_found",
                            "no account with this id id=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
                }
                if (write) {
                    add(responses, "409", "The id exists with different fields.", "exists_with_different_fields",
                            "transfer id=0b9a5f4e-2a51-4c8e-9c55-3d7f1f0e6a10 already exists with different fields;"
                                    + " a repeat must send exactly the same body");
                    add(responses, "413", "Body or batch too large.", "batch_too_large",
                            "a batch holds at most 8189 items size=8190");
                    add(responses, "422", "Rejected by the ledger; code is the engine's result code.",
                            "exceeds_credits", "transfer id=0b9a5f4e-2a51-4c8e-9c55-3d7f1f0e6a10 was rejected by"
                                    + " the ledger result=exceeds_credits");
                    add(responses, "429", "Rate limit of the API key; see Retry-After.", "rate_limited",
                            "too many state-changing requests for this API key; nothing was applied, retry later"
                                    + " keyId=ck_3f2a9c0d1b7e4a55");
                }
                add(responses, "503", "The ledger engine is overloaded or stopped, or the read model is too far behind"
                        + " to take more writes (read_model_behind); see Retry-After.",
                        "ledger_overloaded", "the ledger engine has no room for more commands; nothing was"
                                + " applied, retry later");
            }
        });
    }

    private static void add(ApiResponses responses, String status, String description, String code, String detail) {
        if (responses.containsKey(status)) {
            return;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.TYPE_PREFIX + code);
        example.put("title", Problems.title(code));
        example.put("status", Integer.parseInt(status));
        example.put("detail", detail);
        example.put(Problems.CODE, code);
        example.put(Problems.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
        MediaType mediaType = new MediaType()
                .schema(new ObjectSchema().$ref("#/components/schemas/" + PROBLEM_SCHEMA))
                .addExamples(code, new Example().value(example));
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, mediaType)));
    }

    private static ObjectSchema problemSchema() {
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details with corebank's stable code and the request's trace id.");
        schema.addProperty("type", new StringSchema().example(Problems.TYPE_PREFIX + "exceeds_credits"));
        schema.addProperty("title", new StringSchema().example("Exceeds credits"));
        schema.addProperty("status", new IntegerSchema().example(422));
        schema.addProperty("detail", new StringSchema());
        schema.addProperty(Problems.CODE, new StringSchema().description("Stable, snake_case; for 409 and 422 the"
                + " engine's result code.").example("exceeds_credits"));
        schema.addProperty(Problems.TRACE_ID, new StringSchema().description("W3C trace id of the request: from"
                + " traceparent when sent, otherwise generated.").example("4bf92f3577b34da6a3ce929d0e0e4736"));
        return schema;
    }
}
