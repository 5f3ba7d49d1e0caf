package dev.corebank.server.web;

import java.io.IOException;

/**
 * A request body held a byte sequence that is not UTF-8. Refused rather than decoded with replacement characters or
 * lone surrogates, which would put text into the journal that the client never sent.
 */
public final class BodyNotUtf8Exception extends IOException {
    public BodyNotUtf8Exception(long offset) {
        super("request body is not valid UTF-8 at byte offset=" + offset);
    }
}
