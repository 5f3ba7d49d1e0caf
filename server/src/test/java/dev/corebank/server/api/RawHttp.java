package dev.corebank.server.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends bytes to the server as they are, on a new loopback connection: for what a well-behaved client cannot send,
 * such as a raw {@code %00} in the request line, an oversized header or a request line that is not HTTP.
 */
public final class RawHttp {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int RESPONSE_BYTES_MAX = 1 << 20;

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** A request with the given request line and header lines, {@code Connection: close} and an optional body. */
    public Response send(String requestLine, String headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n" + headers
                + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return sendBytes(request.toByteArray());
    }

    /** Writes the bytes and reads the answer until the server closes the connection. */
    public Response sendBytes(byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException failed) {
            throw new UncheckedIOException("raw request failed port=" + port, failed);
        }
    }

    private static byte[] readAll(InputStream input) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = input.read(buffer); read >= 0 && answer.size() < RESPONSE_BYTES_MAX;
                 read = input.read(buffer)) {
                answer.write(buffer, 0, read);
            }
        } catch (java.net.SocketException reset) {
            // The server may reset a connection whose request it did not read to the end; what came before counts.
        }
        return answer.toByteArray();
    }

    /** The status, the content type and the body of a raw response; status 0 when nothing came back. */
    public record Response(int status, String contentType, String body, String raw) {
        static Response parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int headersEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || headersEnd < 0) {
                return new Response(0, null, "", text);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String contentType = null;
            for (String line : text.substring(0, headersEnd).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new Response(status, contentType, text.substring(headersEnd + 4), text);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return raw.length() <= 2000 ? raw : raw.substring(0, 2000) + "...";
        }
    }
}
