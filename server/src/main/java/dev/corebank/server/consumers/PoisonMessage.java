package dev.corebank.server.consumers;

/**
 * A message no handler can ever apply: it goes to the dead letters at once, without retries, with its reason.
 * Thrown by {@link EventWire} while decoding.
 */
public final class PoisonMessage extends RuntimeException {
    /** Why a message is poison; the {@code reason} of its dead letter. */
    public enum Reason {
        /** A required attribute is missing or wrong, or the body is not the JSON it should be. */
        MALFORMED("malformed"),
        /** Well formed, but another producer's: another source, or a type that is not corebank's. */
        FOREIGN("foreign");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Reason reason;

    public PoisonMessage(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
