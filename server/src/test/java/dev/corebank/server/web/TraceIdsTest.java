package dev.corebank.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corebank.ledger.TraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdsTest {
    @Test
    void takesTheTraceIdOfAValidTraceparent() {
        TraceId traceId = TraceIds.fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(traceId).isNotNull();
        assertThat(traceId.toHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01"})
    void ignoresAMalformedTraceparent(String header) {
        assertThat(TraceIds.fromTraceparent(header)).isNull();
    }

    @Test
    void generatesDistinctTraceIdsThatAreNeverNone() {
        TraceId first = TraceIds.generate();
        TraceId second = TraceIds.generate();

        assertThat(first.isNone()).isFalse();
        assertThat(first).isNotEqualTo(second);
    }
}
