package dev.corebank.server.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of malformed requests, driven by an OpenAPI document: each request takes one documented
 * operation and breaks it in one way that the API must refuse (a wrong type, a number out of range, a missing or
 * unknown field, bad JSON, invalid UTF-8, a wrong method or content type, a bad or missing key, a malformed URL or an
 * oversized header). Nothing it makes is a valid request, so any acceptance is a finding.
 */
final class FuzzRequests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final List<String> WRONG_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "FROB");
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png", "json", "*/*");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int HUGE_STRING_CHARS = 64 * 1024;

    private final SplittableRandom random;
    private final JsonNode docs;
    private final String adminKey;
    private final List<Operation> operations = new ArrayList<>();
    private final List<Operation> withBody = new ArrayList<>();

    FuzzRequests(SplittableRandom random, JsonNode docs, String adminKey) {
        this.random = random;
        this.docs = docs;
        this.adminKey = adminKey;
        for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    JsonNode schema = method.getValue().path("requestBody").path("content")
                            .path("application/json").path("schema");
                    Operation operation = new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                            schema.isMissingNode() ? null : resolve(schema), path.getValue());
                    operations.add(operation);
                    if (operation.body() != null) {
                        withBody.add(operation);
                    }
                }
            }
        }
        if (operations.size() < 10 || withBody.size() < 5) {
            throw new IllegalStateException("the OpenAPI document lists too few operations operations="
                    + operations.size() + " withBody=" + withBody.size());
        }
    }

    /** One documented operation: its method, its path template, the resolved schema of its JSON body (or null). */
    record Operation(String method, String path, JsonNode body, JsonNode pathItem) {
    }

    /** A request to send: through the HTTP client, or as raw bytes when {@link #raw()} is not null. */
    record Request(String kind, String method, String path, String contentType, String authorization, byte[] body,
                   byte[] raw) {
        HttpRequest toHttp(String base) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            return builder.build();
        }

        String describe() {
            String shown = raw != null ? new String(raw, StandardCharsets.ISO_8859_1)
                    : method + " " + path + " Content-Type=" + contentType + " Authorization=" + authorization
                    + " body=" + (body == null ? "none" : new String(body, StandardCharsets.UTF_8));
            return "kind=" + kind + " " + (shown.length() <= 600 ? shown : shown.substring(0, 600) + "...");
        }
    }

    Request next() {
        int kind = random.nextInt(100);
        if (kind < 50) {
            return brokenBody(withBody.get(random.nextInt(withBody.size())));
        }
        Operation operation = operations.get(random.nextInt(operations.size()));
        if (kind < 60) {
            return badAuthorization(operation);
        }
        if (kind < 68) {
            return wrongMethod(operation);
        }
        if (kind < 76) {
            return badPath(operation);
        }
        if (kind < 84 && operation.body() != null) {
            return wrongContentType(operation);
        }
        return rawMalformed(operation);
    }

    private Request brokenBody(Operation operation) {
        JsonNode valid = example(operation.body());
        int how = random.nextInt(8);
        byte[] body = switch (how) {
            case 0 -> bytes(withField(valid, "unexpected" + random.nextInt(1000), NODES.stringNode("x")));
            case 1 -> bytes(wrongTyped(valid, operation.body()));
            case 2 -> bytes(withoutRequiredField(valid, operation.body()));
            case 3 -> bytes(huge(valid, operation.body()));
            case 4 -> truncated(bytes(valid));
            case 5 -> invalidUtf8(valid);
            case 6 -> bytes(wrongTopLevel(valid));
            default -> garbage();
        };
        return new Request("body-" + how, operation.method(), concretePath(operation), "application/json",
                "Bearer " + adminKey, body, null);
    }

    private Request badAuthorization(Operation operation) {
        String authorization = switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> "Bearer cbk_no-such-key-" + random.nextInt(1_000_000);
            case 2 -> "Basic " + adminKey;
            case 3 -> "Bearer ";
            case 4 -> "Bearer " + "k".repeat(4096 + random.nextInt(2048));
            default -> adminKey;
        };
        byte[] body = operation.body() == null ? null : bytes(example(operation.body()));
        return new Request("auth", operation.method(), concretePath(operation),
                body == null ? null : "application/json", authorization, body, null);
    }

    private Request wrongMethod(Operation operation) {
        List<String> wrong = new ArrayList<>();
        for (String method : WRONG_METHODS) {
            if (!operation.pathItem().has(method.toLowerCase(Locale.ROOT))) {
                wrong.add(method);
            }
        }
        String method = wrong.get(random.nextInt(wrong.size()));
        return new Request("method", method, concretePath(operation), "application/json", "Bearer " + adminKey,
                "{}".getBytes(StandardCharsets.UTF_8), null);
    }

    /** A path that matches no operation: a malformed id where the template has one, otherwise an unknown segment. */
    private Request badPath(Operation operation) {
        String[] badIds = {"not-a-uuid", "1-2-3-4-5", "00000000-0000-0000-0000-00000000000g", "%20", "..",
                "%E2%82%AC", "9".repeat(300), UUID.randomUUID() + "x", "%C3%28"};
        String uuidParameter = uuidPathParameter(operation);
        String path = uuidParameter != null
                ? concretePath(operation.path().replace("{" + uuidParameter + "}",
                        badIds[random.nextInt(badIds.length)]))
                : concretePath(operation.path()) + "/no-such-" + random.nextInt(1000);
        byte[] body = operation.body() == null ? null : bytes(withField(example(operation.body()), "unexpected",
                NODES.booleanNode(true)));
        return new Request("path", operation.method(), path, "application/json", "Bearer " + adminKey, body, null);
    }

    private Request wrongContentType(Operation operation) {
        String contentType = WRONG_CONTENT_TYPES.get(random.nextInt(WRONG_CONTENT_TYPES.size()));
        return new Request("content-type", operation.method(), concretePath(operation), contentType,
                "Bearer " + adminKey, bytes(example(operation.body())), null);
    }

    /** What only a raw socket can send: malformed URLs, oversized headers, broken request lines and headers. */
    private Request rawMalformed(Operation operation) {
        String path = concretePath(operation);
        String auth = "Authorization: Bearer " + adminKey + "\r\n";
        int how = random.nextInt(9);
        String request = switch (how) {
            case 0 -> operation.method() + " " + path + "%2F" + random.nextInt(100) + " HTTP/1.1\r\n" + auth;
            case 1 -> operation.method() + " " + path + "%00 HTTP/1.1\r\n" + auth;
            case 2 -> operation.method() + " " + path + "/%zz HTTP/1.1\r\n" + auth;
            case 3 -> operation.method() + " " + path + " HTTP/1.1\r\n" + auth + "X-Padding: "
                    + "p".repeat(16 * 1024 + random.nextInt(48 * 1024)) + "\r\n";
            case 4 -> operation.method() + " " + path + " HTTP/9 9\r\n";
            case 5 -> operation.method() + " " + path + " HTTP/1.1\r\n" + auth + "this header has no colon\r\n";
            case 6 -> operation.method() + " " + path + " HTTP/1.1\r\n" + auth + "Content-Length: abc\r\n";
            case 7 -> operation.method() + " /" + "a".repeat(16 * 1024 + random.nextInt(16 * 1024))
                    + " HTTP/1.1\r\n" + auth;
            default -> operation.method() + " " + path + "/\u00ff\u0001 HTTP/1.1\r\n" + auth;
        };
        byte[] raw = (request + "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new Request("raw-" + how, operation.method(), path, null, null, null, raw);
    }

    private String concretePath(Operation operation) {
        return concretePath(operation.path());
    }

    private static String concretePath(String template) {
        return template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** A path parameter documented as a UUID, which a malformed value must fail; null when there is none. */
    private static String uuidPathParameter(Operation operation) {
        for (JsonNode parameter : operation.pathItem().path(operation.method().toLowerCase(Locale.ROOT))
                .path("parameters")) {
            if ("path".equals(parameter.path("in").asString())
                    && "uuid".equals(parameter.path("schema").path("format").asString())) {
                return parameter.path("name").asString();
            }
        }
        return null;
    }

    /** A body with every documented property filled, right enough to get past parsing; each mutation then breaks it. */
    private JsonNode example(JsonNode schema) {
        return switch (typeOf(schema)) {
            case "array" -> NODES.arrayNode().add(example(resolve(schema.path("items"))));
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    object.set(property.getKey(), value(resolve(property.getValue())));
                }
                yield object;
            }
            default -> value(schema);
        };
    }

    private JsonNode value(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        return switch (typeOf(schema)) {
            case "integer" -> NODES.numberNode(1 + random.nextInt(1000));
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> NODES.arrayNode();
            case "object" -> NODES.objectNode();
            default -> "uuid".equals(schema.path("format").asString()) ? NODES.stringNode(UUID.randomUUID().toString())
                    : NODES.stringNode("USD");
        };
    }

    private JsonNode withField(JsonNode body, String name, JsonNode value) {
        JsonNode copy = body.deepCopy();
        ObjectNode target = copy instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode
                first ? first : copy instanceof ObjectNode object ? object : null;
        if (target == null) {
            return NODES.objectNode().set(name, value);
        }
        target.set(name, value);
        return copy;
    }

    /** A property of the wrong JSON type: a string for a number, an object for a string, and so on. */
    private JsonNode wrongTyped(JsonNode body, JsonNode schema) {
        Map.Entry<String, JsonNode> property = someProperty(schema);
        if (property == null) {
            return withField(body, "unexpected", NODES.nullNode());
        }
        JsonNode wrong = switch (typeOf(resolve(property.getValue()))) {
            case "integer", "number" -> random.nextBoolean() ? NODES.stringNode("12") : NODES.booleanNode(true);
            case "string" -> random.nextBoolean() ? NODES.objectNode() : NODES.numberNode(7);
            case "array" -> NODES.stringNode("[]");
            default -> NODES.arrayNode().add(1);
        };
        return withField(body, property.getKey(), wrong);
    }

    private JsonNode withoutRequiredField(JsonNode body, JsonNode schema) {
        JsonNode objectSchema = "array".equals(typeOf(schema)) ? resolve(schema.path("items"))
                : schema;
        JsonNode required = objectSchema.path("required");
        if (required.isEmpty()) {
            return withField(body, "unexpected", NODES.numberNode(1));
        }
        String name = required.get(random.nextInt(required.size())).asString();
        JsonNode copy = body.deepCopy();
        ObjectNode target = copy instanceof ArrayNode array ? (ObjectNode) array.get(0) : (ObjectNode) copy;
        target.remove(name);
        return copy;
    }

    /** A number far past a long in a numeric property, or a huge string where an id belongs. */
    private JsonNode huge(JsonNode body, JsonNode schema) {
        Map.Entry<String, JsonNode> property = someProperty(schema);
        if (property == null) {
            return withField(body, "unexpected", NODES.stringNode("h".repeat(HUGE_STRING_CHARS)));
        }
        String type = typeOf(resolve(property.getValue()));
        JsonNode wrong = switch (type) {
            case "integer", "number" -> NODES.numberNode(new java.math.BigInteger("9".repeat(40 + random.nextInt(400))));
            case "string" -> NODES.objectNode().put("huge", "h".repeat(HUGE_STRING_CHARS));
            default -> NODES.stringNode("h".repeat(HUGE_STRING_CHARS));
        };
        return withField(body, property.getKey(), wrong);
    }

    private JsonNode wrongTopLevel(JsonNode body) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.stringNode(body.toString());
            case 1 -> NODES.numberNode(42);
            case 2 -> NODES.nullNode();
            default -> body.isArray() ? NODES.objectNode().set("items", body) : NODES.arrayNode().add(body).add(body);
        };
    }

    /**
     * The body cut after at least one byte and before its last: an empty body is not malformed where the body is
     * optional (POST /v1/eod takes none), and a missing required body is a case of its own.
     */
    private byte[] truncated(byte[] body) {
        return java.util.Arrays.copyOf(body, 1 + random.nextInt(Math.max(1, body.length - 2)));
    }

    /** A byte sequence that is not UTF-8 inside a string of the body. */
    private byte[] invalidUtf8(JsonNode body) {
        byte[] valid = bytes(body);
        int quote = indexOf(valid, (byte) '"', random.nextInt(valid.length));
        int at = quote < 0 ? 1 : quote + 1;
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(valid, 0, at);
        out.writeBytes(bad[random.nextInt(bad.length)]);
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    private byte[] garbage() {
        String[] junk = {"{", "}", "[", "{\"a\":", "nul", "tru", "{'id':1}", "{\"id\" 1}", "\u0000", "{}}", "[,]",
                "{\"a\":1,}", "NaN", "--", "{\"a\":0x10}"};
        return junk[random.nextInt(junk.length)].getBytes(StandardCharsets.UTF_8);
    }

    private Map.Entry<String, JsonNode> someProperty(JsonNode schema) {
        JsonNode objectSchema = "array".equals(typeOf(schema)) ? resolve(schema.path("items"))
                : schema;
        List<Map.Entry<String, JsonNode>> properties = new ArrayList<>();
        objectSchema.path("properties").properties().forEach(properties::add);
        return properties.isEmpty() ? null : properties.get(random.nextInt(properties.size()));
    }

    private JsonNode resolve(JsonNode schema) {
        String reference = schema.path("$ref").asString("");
        if (reference.isEmpty()) {
            return schema;
        }
        return docs.path("components").path("schemas").path(reference.substring(reference.lastIndexOf('/') + 1));
    }

    /** The schema's JSON type; OpenAPI 3.1 may give a list such as {@code ["string", "null"]}. */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!"null".equals(one.asString())) {
                    return one.asString();
                }
            }
        }
        return type.isString() ? type.asString() : "object";
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int index = from; index < bytes.length; index++) {
            if (bytes[index] == wanted) {
                return index;
            }
        }
        return -1;
    }

    private static byte[] bytes(JsonNode body) {
        return JSON.writeValueAsBytes(body);
    }
}
