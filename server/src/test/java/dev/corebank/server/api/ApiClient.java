package dev.corebank.server.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API on a real port: what a real client sends is what the server gets. */
public final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;

    public ApiClient(String base) {
        this.base = base;
    }

    public ApiClient(int port) {
        this("http://localhost:" + port);
    }

    public String base() {
        return base;
    }

    /** Drops the client's connections and threads at once; for a caller that makes many clients in one JVM. */
    public void shutdownNow() {
        http.shutdownNow();
    }

    public Response get(String path, String key) {
        return send(builder(path, key, Map.of()).GET());
    }

    public Response post(String path, String key, String body) {
        return post(path, key, body, Map.of());
    }

    public Response post(String path, String key, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return send(builder(path, key, all).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String key, String body) {
        return send(builder(path, key, Map.of("Content-Type", "application/json"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path, String key, byte[] body, Map<String, String> headers) {
        return send(builder(path, key, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        } catch (IOException failed) {
            throw new IllegalStateException("request failed " + failed, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    public HttpRequest.Builder builder(String path, String key, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        headers.forEach(builder::header);
        return builder;
    }

    /** A response with its body, parsed as JSON on demand. */
    public record Response(int status, HttpResponse<String> raw, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text(String field) {
            return json().path(field).asString();
        }

        public long number(String field) {
            return json().path(field).asLong();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
