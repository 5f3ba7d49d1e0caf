package dev.corebank.bench.systems;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A light HTTP/1.1 client for the load itself: one blocking keep-alive socket per worker thread, a request written as
 * one prepared byte array, and an answer parsed only as far as its status and body. It does a small part of what
 * {@code java.net.http.HttpClient} does (no redirects, no TLS, no HTTP/2), and so uses much less of the two cores the
 * server shares with it; the benchmark reports its CPU beside the server's.
 */
public final class RawHttpClient {
    /** Longest status line or header line accepted from the server. */
    static final int LINE_BYTES_MAX = 8192;
    static final int BODY_BYTES_MAX = 16 * 1024 * 1024;
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress address;
    private final String hostHeader;
    private final int readTimeoutMillis;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    public record Answer(int status, String body) {
    }

    public RawHttpClient(URI baseUri, int readTimeoutMillis) {
        this.address = new InetSocketAddress(baseUri.getHost(), baseUri.getPort());
        this.hostHeader = baseUri.getHost() + ":" + baseUri.getPort();
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** The bytes of a POST with a JSON body and the given Authorization header value. */
    public byte[] post(String path, String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** The bytes of a GET with the given Authorization header value. */
    public byte[] get(String path, String authorization) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: " + authorization
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends the request on this thread's connection (opened on first use, or again after the server closed it) and
     * reads the whole answer. A failure closes the connection, so the next request starts on a fresh one.
     */
    public Answer send(byte[] request) throws IOException {
        Connection connection = connections.get();
        if (connection == null) {
            connection = new Connection(address, readTimeoutMillis);
            connections.set(connection);
        }
        try {
            connection.output.write(request);
            connection.output.flush();
            return connection.readAnswer();
        } catch (IOException | RuntimeException failure) {
            connection.close();
            connections.remove();
            throw failure;
        } finally {
            if (connection.closeAfter) {
                connection.close();
                connections.remove();
            }
        }
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream output;
        final InputStream input;
        boolean closeAfter;

        Connection(InetSocketAddress address, int readTimeoutMillis) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(readTimeoutMillis);
            output = socket.getOutputStream();
            input = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Answer readAnswer() throws IOException {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    throw new IOException("malformed header line: " + header);
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (contentLength >= 0) {
                body = exactly(contentLength);
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                throw new IOException("an answer without Content-Length or chunked encoding status=" + status);
            }
            return new Answer(status, new String(body, StandardCharsets.UTF_8));
        }

        private byte[] chunkedBody() throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int extension = sizeLine.indexOf(';');
                long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
                if (size == 0) {
                    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                        // Trailers are read past and ignored.
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > BODY_BYTES_MAX) {
                    throw new IOException("answer body over " + BODY_BYTES_MAX + " bytes");
                }
                body.write(exactly(size));
                if (!line().isEmpty()) {
                    throw new IOException("a chunk not followed by CRLF");
                }
            }
        }

        private byte[] exactly(long length) throws IOException {
            if (length > BODY_BYTES_MAX) {
                throw new IOException("answer body over " + BODY_BYTES_MAX + " bytes length=" + length);
            }
            byte[] bytes = input.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IOException("connection closed inside an answer body");
            }
            return bytes;
        }

        /** One line without its CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int next = input.read();
                if (next < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (next == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                if (line.length() == LINE_BYTES_MAX) {
                    throw new IOException("header line over " + LINE_BYTES_MAX + " bytes");
                }
                line.append((char) next);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a broken connection: nothing left to do with it.
            }
        }
    }
}
