package dev.corebank.server.soak;

import dev.corebank.server.api.ApiClient;

/** Sends one soak operation and says what the answer means for whether its transfer exists. */
final class SoakSender {
    private static final String NO_ANSWER = "no answer: ";

    /** What an answer says, in the order a retry resolves them. */
    enum Outcome {
        /** 201: applied by this request. */
        CREATED,
        /** 200: a transfer with this id and these fields already existed; the answer is the original. */
        EXISTED,
        /** 422: refused by the ledger, so not stored. */
        REJECTED,
        /** No answer (the server was killed), 429 or 5xx: it may or may not have been applied. */
        UNKNOWN,
        /** 409: the id exists with other fields; the soak never sends that, so it is a violation. */
        CONFLICT,
        /** Any other answer: the request was malformed, a bug of the soak. */
        REFUSED
    }

    /**
     * An answer.
     *
     * @param position the journal position of the entry ({@code X-Ledger-Position}), -1 when not given
     * @param detail   the status and body, or the error, for messages
     */
    record Sent(Outcome outcome, TransferView answer, long position, String detail) {
        /** No answer at all, not even an error: the server is gone, so a client stops sending. */
        boolean serverGone() {
            return outcome == Outcome.UNKNOWN && detail.startsWith(NO_ANSWER);
        }
    }

    private SoakSender() {
    }

    static Sent send(ApiClient api, String key, SoakOperation operation) {
        ApiClient.Response response;
        try {
            response = api.post(operation.path(), key, operation.json());
        } catch (IllegalStateException failed) {
            if (failed.getCause() instanceof java.io.IOException) {
                return new Sent(Outcome.UNKNOWN, null, -1, NO_ANSWER + failed.getCause());
            }
            throw failed;
        }
        int status = response.status();
        String detail = status + " " + response.body();
        return switch (status) {
            case 201, 200 -> new Sent(status == 201 ? Outcome.CREATED : Outcome.EXISTED,
                    SoakReads.transferView(response.json()), position(response), detail);
            case 422 -> new Sent(Outcome.REJECTED, null, position(response), detail);
            case 409 -> new Sent(Outcome.CONFLICT, null, -1, detail);
            default -> new Sent(status == 429 || status >= 500 ? Outcome.UNKNOWN : Outcome.REFUSED, null, -1, detail);
        };
    }

    private static long position(ApiClient.Response response) {
        String header = response.header("X-Ledger-Position");
        return header == null ? -1 : Long.parseLong(header);
    }
}
