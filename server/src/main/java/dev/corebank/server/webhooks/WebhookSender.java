package dev.corebank.server.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Sends one signed delivery over HTTP and says what became of it. Redirects are not followed (a 3xx is a failed
 * attempt), TLS certificates and host names are verified by the JDK's defaults, the connection and the whole answer
 * are bounded in time, and at most {@code responseBytesMax} bytes of the answer are read: the rest is dropped unread.
 * The target is checked by the {@link AddressGuard} right before each attempt.
 */
final class WebhookSender {
    static final String USER_AGENT = "corebank-webhooks/1";

    private final HttpClient http;
    private final AddressGuard guard;
    private final Duration readTimeout;
    private final int responseBytesMax;
    private final int excerptBytesMax;
    private final LongSupplier nanoTime;

    /** What one attempt came to. {@code status} is 0 when no answer came. */
    record Result(Outcome outcome, int status, long latencyMillis, String error, String excerpt,
                  Duration retryAfter) {
    }

    /** The fate of one attempt, as the delivery log names it. */
    enum Outcome {
        /** A 2xx answer. */
        DELIVERED,
        /** Any other answer, or none (a timeout, a refused connection). */
        FAILED,
        /** 410 Gone: the receiver asks for no more deliveries; the subscription is disabled. */
        GONE,
        /** The target was refused before sending (an internal address). */
        REFUSED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    WebhookSender(WebhookProperties properties, AddressGuard guard) {
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.guard = guard;
        this.readTimeout = properties.readTimeout();
        this.responseBytesMax = properties.responseBytesMax();
        this.excerptBytesMax = properties.responseExcerptBytesMax();
        this.nanoTime = System::nanoTime;
    }

    /** Sends {@code body} to {@code target} with the headers (name, value, name, value, ...). Never throws. */
    Result send(URI target, List<String> headers, byte[] body) {
        long started = nanoTime.getAsLong();
        try {
            guard.check(target);
        } catch (AddressGuard.Refused refused) {
            return new Result(Outcome.REFUSED, 0, 0, refused.getMessage(), null, null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(),
                info -> new BoundedBody(responseBytesMax));
        try {
            // The request timeout covers the wait for the status line; this one bounds reading the body as well.
            HttpResponse<byte[]> response = answer.get(readTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return answered(response, millisSince(started));
        } catch (TimeoutException late) {
            answer.cancel(true);
            return failure("no whole answer within the read timeout readTimeout=" + readTimeout, started);
        } catch (ExecutionException failed) {
            return failure(describe(failed.getCause()), started);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            return failure("interrupted", started);
        }
    }

    private Result answered(HttpResponse<byte[]> response, long latencyMillis) {
        int status = response.statusCode();
        String excerpt = excerpt(response.body());
        Outcome outcome = status >= 200 && status < 300 ? Outcome.DELIVERED : status == 410 ? Outcome.GONE
                : Outcome.FAILED;
        String error = outcome != Outcome.FAILED ? null : status >= 300 && status < 400
                ? "redirects are not followed status=" + status + " location="
                + response.headers().firstValue("Location").orElse("")
                : "the receiver answered status=" + status;
        return new Result(outcome, status, latencyMillis, error, excerpt,
                retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }

    private String excerpt(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        int length = Math.min(body.length, excerptBytesMax);
        // Decoding replaces a character cut at the limit rather than failing.
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    /** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private Result failure(String error, long started) {
        return new Result(Outcome.FAILED, 0, millisSince(started), error, null, null);
    }

    private long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (cause instanceof HttpTimeoutException) {
            return "read timeout";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Collects at most {@code bytesMax} bytes of a body, then cancels the rest of it. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int bytesMax;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> done = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int bytesMax) {
            this.bytesMax = bytesMax;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (done.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int room = bytesMax - bytes.size();
                int take = Math.min(room, buffer.remaining());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= bytesMax) {
                done.complete(bytes.toByteArray());
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(bytes.toByteArray());
        }
    }
}
