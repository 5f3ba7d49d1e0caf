package dev.corebank.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corebank.bench.workload.Workload;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void runsEverySystemAndWorkloadSideBySideByDefault() {
        BenchOptions options = BenchOptions.parse();
        assertThat(options.command()).isEqualTo(BenchOptions.COMMAND_SIDE_BY_SIDE);
        assertThat(options.systems()).containsExactly("engine", "http-single", "http-batch", "postgres");
        assertThat(options.workloads()).containsExactly(Workload.UNIFORM, Workload.HOT_ACCOUNT, Workload.ZIPF);
        assertThat(options.durationSeconds()).isEqualTo(BenchOptions.DURATION_SECONDS_DEFAULT);
        assertThat(options.accounts()).isEqualTo(10_000);
        assertThat(options.batchSize()).isEqualTo(8189);
    }

    @Test
    void shortensEveryRunWithQuickButLetsExplicitOptionsWin() {
        BenchOptions quick = BenchOptions.parse("--quick");
        assertThat(quick.durationSeconds()).isEqualTo(BenchOptions.DURATION_SECONDS_QUICK);
        BenchOptions longer = BenchOptions.parse("ledger", "--quick", "--duration-seconds", "5", "--repeat", "3");
        assertThat(longer.command()).isEqualTo(BenchOptions.COMMAND_LEDGER);
        assertThat(longer.durationSeconds()).isEqualTo(5);
        assertThat(longer.repeat()).isEqualTo(3);
    }

    @Test
    void readsTheCallbacksCommandWithQuick() {
        BenchOptions callbacks = BenchOptions.parse("callbacks", "--quick");
        assertThat(callbacks.command()).isEqualTo(BenchOptions.COMMAND_CALLBACKS);
        assertThat(callbacks.quick()).isTrue();
    }

    @Test
    void theServerWarmsUpUntilItsRateSettlesUnlessAFixedWarmUpIsGiven() {
        assertThat(BenchOptions.parse().serverWarmupSeconds()).isZero();
        assertThat(BenchOptions.parse("--server-warmup-seconds", "180").serverWarmupSeconds()).isEqualTo(180);
        assertThatThrownBy(() -> BenchOptions.parse("--server-warmup-seconds", "-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsListsOfSystemsAndWorkloads() {
        BenchOptions options = BenchOptions.parse("--systems", "engine,postgres", "--workloads", "hot-account");
        assertThat(options.systems()).containsExactly("engine", "postgres");
        assertThat(options.workloads()).containsExactly(Workload.HOT_ACCOUNT);
    }

    @Test
    void refusesUnknownOptionsSystemsAndOutOfRangeValues() {
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown options [--fast]");
        assertThatThrownBy(() -> BenchOptions.parse("--systems", "oracle")).hasMessageContaining("item=oracle");
        assertThatThrownBy(() -> BenchOptions.parse("--batch-size", "9000")).hasMessageContaining("value=9000");
        assertThatThrownBy(() -> BenchOptions.parse("--concurrency")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--duration-seconds", "2", "--warmup-seconds", "2"))
                .hasMessageContaining("warm-up must be shorter");
        assertThatThrownBy(() -> BenchOptions.parse("--postgres-url", "jdbc:postgresql://10.0.0.5/x", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
