package dev.corebank.server.consumers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A dead letter as the API shows it. A listing leaves out the message ({@code attributes}, {@code body}); reading one
 * letter includes it, the body as text when it is UTF-8 and always as base64.
 */
record DeadLetterView(
        UUID letterId,
        String consumer,
        String transport,
        String stream,
        String origin,
        String eventId,
        String eventType,
        int copy,
        String reason,
        String cause,
        int attempts,
        Instant deadAt,
        String state,
        Instant replayedAt,
        Map<String, String> attributes,
        String contentType,
        String bodyText,
        String bodyBase64) {

    static DeadLetterView summary(DeadLetter letter) {
        return new DeadLetterView(letter.letterId(), letter.consumer(), letter.transport(), letter.stream(),
                letter.origin(), letter.eventId(), letter.eventType(), letter.copy(), letter.reason(), letter.cause(),
                letter.attempts(), letter.deadAt(), letter.state(), letter.replayedAt(), null, null, null, null);
    }

    static DeadLetterView whole(DeadLetter letter) {
        return new DeadLetterView(letter.letterId(), letter.consumer(), letter.transport(), letter.stream(),
                letter.origin(), letter.eventId(), letter.eventType(), letter.copy(), letter.reason(), letter.cause(),
                letter.attempts(), letter.deadAt(), letter.state(), letter.replayedAt(), letter.attributes(),
                letter.contentType(), utf8(letter.body()), Base64.getEncoder().encodeToString(letter.body()));
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
