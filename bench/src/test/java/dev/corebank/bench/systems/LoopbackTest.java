package dev.corebank.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {
    @Test
    void acceptsOnlyLoopbackHosts() {
        assertThat(Loopback.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(Loopback.isLoopbackHost("127.10.0.3")).isTrue();
        assertThat(Loopback.isLoopbackHost("localhost")).isTrue();
        assertThat(Loopback.isLoopbackHost("[::1]")).isTrue();
        assertThat(Loopback.isLoopbackHost("10.0.0.1")).isFalse();
        assertThat(Loopback.isLoopbackHost("192.168.1.5")).isFalse();
        assertThat(Loopback.isLoopbackHost("db.example.com")).isFalse();
        assertThat(Loopback.isLoopbackHost(null)).isFalse();
    }

    @Test
    void refusesAPostgresUrlThatLeavesTheMachine() {
        assertThat(Loopback.requireJdbcUrl("jdbc:postgresql://127.0.0.1:5432/corebank_bench"))
                .endsWith("corebank_bench");
        assertThatThrownBy(() -> Loopback.requireJdbcUrl("jdbc:postgresql://10.1.2.3:5432/bank"))
                .hasMessageContaining("host=10.1.2.3");
        assertThatThrownBy(() -> Loopback.requireJdbcUrl("jdbc:mysql://127.0.0.1/bank"))
                .hasMessageContaining("jdbc:postgresql://");
    }
}
