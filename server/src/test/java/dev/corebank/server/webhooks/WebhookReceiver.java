package dev.corebank.server.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback, as a bank's client would write one, on the JDK's HTTP server. It verifies every
 * delivery's signatures with its own code (nothing of the sender's), following the Standard Webhooks specification
 * as a receiver reads it, and records what it got. Each path behaves in its own way:
 * <pre>
 * /ok/{name}            204
 * /fail/{n}/{name}      500 for the first n deliveries of each webhook-id, then 200
 * /always-fail/{name}   500
 * /retry-after/{name}   503 with Retry-After: 1 for the first delivery of each webhook-id, then 200
 * /slow/{name}          answers 200 after two seconds (longer than the tests' read timeout)
 * /gone/{name}          410 Gone
 * /huge/{name}          200 with a 4 MB body
 * /redirect/{name}      302 to /ok/{name}-redirected
 * /hold/{name}          holds every answer until {@link #release()}, then 200
 * </pre>
 */
final class WebhookReceiver implements AutoCloseable {
    static final int HUGE_BODY_BYTES = 4 * 1024 * 1024;

    /** One request as received, with what the receiver's own verification made of it. */
    record Received(String path, String id, String timestamp, String signatureHeader, String body,
                    List<String> secretsThatVerify, long receivedAtMillis) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> secretsByName = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final CountDownLatch held = new CountDownLatch(1);

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this receiver, such as {@code /ok/a}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secrets the receiver tries on deliveries to paths ending in {@code /name}. */
    void trust(String name, String... secrets) {
        secretsByName.put(name, List.of(secrets));
    }

    /** Lets every held answer of /hold/... go, and answers later ones at once. */
    void release() {
        held.countDown();
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String name = path.substring(path.lastIndexOf('/') + 1);
            List<String> verifying = new ArrayList<>();
            for (String secret : secretsByName.getOrDefault(name, List.of())) {
                if (verifies(secret, id, timestamp, body, signature)) {
                    verifying.add(secret);
                }
            }
            received.add(new Received(path, id, timestamp, signature, new String(body, StandardCharsets.UTF_8),
                    List.copyOf(verifying), System.currentTimeMillis()));
            answer(exchange, path, id);
        }
    }

    private void answer(HttpExchange exchange, String path, String id) throws IOException {
        String[] parts = path.split("/");
        String behaviour = parts.length > 1 ? parts[1] : "";
        int deliveriesOfId = seen.computeIfAbsent(path + " " + id, key -> new AtomicInteger()).incrementAndGet();
        switch (behaviour) {
            case "ok" -> exchange.sendResponseHeaders(204, -1);
            case "fail" -> {
                int failures = Integer.parseInt(parts[2]);
                respond(exchange, deliveriesOfId <= failures ? 500 : 200, "try " + deliveriesOfId);
            }
            case "always-fail" -> respond(exchange, 500, "down for maintenance");
            case "retry-after" -> {
                if (deliveriesOfId == 1) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    respond(exchange, 503, "busy");
                } else {
                    respond(exchange, 200, "ok");
                }
            }
            case "slow" -> {
                awaitQuietly(2_000);
                respond(exchange, 200, "late");
            }
            case "gone" -> respond(exchange, 410, "this endpoint is gone");
            case "hold" -> {
                try {
                    held.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "released");
            }
            case "huge" -> {
                exchange.sendResponseHeaders(200, HUGE_BODY_BYTES);
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int written = 0; written < HUGE_BODY_BYTES; written += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException dropped) {
                    // The sender stops reading at its limit and closes the connection: expected.
                }
            }
            case "redirect" -> {
                exchange.getResponseHeaders().add("Location", "/ok/" + parts[parts.length - 1] + "-redirected");
                exchange.sendResponseHeaders(302, -1);
            }
            default -> respond(exchange, 404, "no such path");
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Holds the answer back, as a slow receiver does; a latch nobody counts down. */
    private static void awaitQuietly(long millis) {
        try {
            new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The receiver's side of the specification: the signed content is {@code id.timestamp.body}, the key is the
     * base64 after {@code whsec_}, the header holds space-separated {@code v1,<base64>} signatures, any one of which
     * may match; the timestamp must be within five minutes of now.
     */
    static boolean verifies(String secret, String id, String timestamp, byte[] body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        long sentSeconds = Long.parseLong(timestamp);
        if (Math.abs(System.currentTimeMillis() / 1000 - sentSeconds) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] expected = mac.doFinal(signed);
            for (String candidate : header.split(" ")) {
                String[] versioned = candidate.split(",", 2);
                if (versioned.length == 2 && versioned[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
