package dev.corebank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place encoder writes exactly the bytes of {@code String.getBytes(UTF_8)}, whatever the text. */
class Utf8Test {
    @ParameterizedTest
    @ValueSource(strings = {"", "INV-2024-001", "café crème", "ငွေလွှဲ လခ", "€ 100", "💸 rent",
            "\uD83D", "a\uDC00b", "\uD83D\uD83D\uDCB8", "\uDCB8\uD83D", "end\uD83D"})
    void encodesTheSameBytesAsStringGetBytes(String text) {
        byte[] expected = text.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[3 + expected.length + 3];
        Arrays.fill(buffer, (byte) 0x55);

        int end = Utf8.encode(text, buffer, 3);

        assertThat(end - 3).isEqualTo(expected.length);
        assertThat(Arrays.copyOfRange(buffer, 3, end)).isEqualTo(expected);
        assertThat(buffer[end]).as("nothing written past the end").isEqualTo((byte) 0x55);
    }
}
