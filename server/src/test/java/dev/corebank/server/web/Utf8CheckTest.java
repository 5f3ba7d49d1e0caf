package dev.corebank.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8CheckTest {
    private static final long SEED = Long.getLong("corebank.seed", 20261202L);
    private static final int TRIES = Integer.getInteger("corebank.tries", 100_000);

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ASCII {\"a\":1}", "Müller", "မင်္ဂလာပါ", "€ 1,000", "emoji 🏦 and 𝄞"})
    void shouldAcceptWellFormedText(String text) {
        assertThat(isWellFormed(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void shouldRefuseEachKindOfMalformedSequence() {
        byte[][] malformed = {
            {(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F}
        };
        for (byte[] bytes : malformed) {
            assertThat(isWellFormed(bytes)).as("%s", java.util.HexFormat.of().formatHex(bytes)).isFalse();
        }
    }

    /** Differential: on random byte strings biased towards UTF-8's lead and continuation bytes, agree with the JDK. */
    @Test
    void shouldAgreeWithTheJdksStrictDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(SEED);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int attempt = 0; attempt < TRIES; attempt++) {
            byte[] bytes = new byte[random.nextInt(1, 9)];
            for (int index = 0; index < bytes.length; index++) {
                bytes[index] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256)
                        : interesting[random.nextInt(interesting.length)]);
            }
            assertThat(isWellFormed(bytes)).as("seed=%d attempt=%d bytes=%s (replay with -Dcorebank.seed=%d)", SEED,
                    attempt, java.util.HexFormat.of().formatHex(bytes), SEED).isEqualTo(jdkAccepts(bytes));
        }
    }

    @Test
    void shouldCheckACharacterSplitAcrossReads() throws BodyNotUtf8Exception {
        byte[] burmese = "မ".getBytes(StandardCharsets.UTF_8);
        Utf8Check check = new Utf8Check();

        check.accept(burmese, 0, 1);
        check.accept(burmese[1] & 0xFF);
        check.accept(burmese, 2, 1);
        check.end();

        assertThat(burmese).hasSize(3);
    }

    private static boolean isWellFormed(byte[] bytes) {
        Utf8Check check = new Utf8Check();
        try {
            check.accept(bytes, 0, bytes.length);
            check.end();
            return true;
        } catch (BodyNotUtf8Exception malformed) {
            return false;
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException malformed) {
            return false;
        }
    }
}
