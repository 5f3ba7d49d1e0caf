package dev.corebank.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body and checks that a text body is UTF-8. A declared Content-Length over the limit is refused
 * before a byte is read; a body without one (chunked) is counted as it is read and fails with
 * {@link BodyTooLargeException} at the limit, which the problem handler answers with 413 as well. A JSON, NDJSON, CSV
 * or other text body is checked byte by byte as it is read and fails with {@link BodyNotUtf8Exception} (400
 * {@code invalid_encoding}) at the first byte that is not well-formed UTF-8: a JSON parser would otherwise read an
 * encoded surrogate as a lone surrogate and let it through into the journal.
 */
@Component
@Order(FilterOrders.REQUEST_SIZE)
class RequestSizeFilter extends OncePerRequestFilter {
    /**
     * Endpoints that stream their body to disk and bound it themselves, with a larger limit of their own: a transfer
     * import (corebank.imports.file-bytes-max).
     */
    private static final java.util.Set<String> OWN_LIMIT_PATHS = java.util.Set.of("/v1/transfer-imports");
    private final ProblemWriter problems;
    private final long bytesMax;

    RequestSizeFilter(ProblemWriter problems, ApiProperties properties) {
        this.problems = problems;
        this.bytesMax = properties.requestBodySizeMax().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (OWN_LIMIT_PATHS.contains(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > bytesMax) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "body_too_large",
                    "request body is larger than " + bytesMax + " bytes contentLength=" + declared);
            return;
        }
        chain.doFilter(new BoundedRequest(request, bytesMax), response);
    }

    /** Whether the body is text the API reads as UTF-8: JSON (also +json and NDJSON), CSV or any text type. */
    static boolean isUtf8Text(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        boolean text = type.startsWith("text/") || type.contains("json") || type.startsWith("application/csv");
        int charset = type.indexOf("charset=");
        if (!text || charset < 0) {
            return text;
        }
        String declared = type.substring(charset + "charset=".length()).replace("\"", "").trim();
        return declared.startsWith("utf-8") || declared.startsWith("utf8");
    }

    /** The request, with an input stream that refuses to read past the limit. */
    private static final class BoundedRequest extends HttpServletRequestWrapper {
        private final long bytesMax;
        private ServletInputStream bounded;

        BoundedRequest(HttpServletRequest request, long bytesMax) {
            super(request);
            this.bytesMax = bytesMax;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new BoundedInputStream(super.getInputStream(), bytesMax,
                        isUtf8Text(getContentType()) ? new Utf8Check() : null);
            }
            return bounded;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class BoundedInputStream extends ServletInputStream {
        private final ServletInputStream source;
        private final long bytesMax;
        /** Null for a body that is not text. */
        private final Utf8Check utf8;
        private long bytesRead;

        BoundedInputStream(ServletInputStream source, long bytesMax, Utf8Check utf8) {
            this.source = source;
            this.bytesMax = bytesMax;
            this.utf8 = utf8;
        }

        @Override
        public int read() throws IOException {
            int value = source.read();
            if (value >= 0) {
                count(1);
                if (utf8 != null) {
                    utf8.accept(value);
                }
            } else if (utf8 != null) {
                utf8.end();
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = source.read(buffer, offset, length);
            if (read > 0) {
                count(read);
                if (utf8 != null) {
                    utf8.accept(buffer, offset, read);
                }
            } else if (read < 0 && utf8 != null) {
                utf8.end();
            }
            return read;
        }

        private void count(int read) throws BodyTooLargeException {
            bytesRead += read;
            if (bytesRead > bytesMax) {
                throw new BodyTooLargeException(bytesMax);
            }
        }

        @Override
        public boolean isFinished() {
            return source.isFinished();
        }

        @Override
        public boolean isReady() {
            return source.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            source.setReadListener(listener);
        }
    }
}
