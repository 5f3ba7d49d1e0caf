package dev.corebank.server.web;

import java.io.IOException;

/** A request body grew past the configured maximum while it was being read. */
public final class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long bytesMax) {
        super("request body is larger than " + bytesMax + " bytes");
    }
}
