package dev.corebank.bench.systems;

import dev.corebank.bench.workload.BenchAccounts;
import dev.corebank.bench.workload.TransferStream;

/**
 * What the two HTTP modes share: one running server, loaded once with the accounts, read back for verification, and
 * left running when a mode closes, because the other mode uses it too and whoever started it stops it.
 */
abstract class HttpSystem implements SystemUnderTest {
    final CorebankHttp http;
    private final int concurrency;
    private BenchAccounts accounts;

    HttpSystem(CorebankHttp http, int concurrency) {
        this.http = http;
        this.concurrency = concurrency;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public void prepare(BenchAccounts benchAccounts, TransferStream stream) throws Exception {
        this.accounts = benchAccounts;
        http.loadOnce(benchAccounts);
    }

    @Override
    public Snapshot snapshot(TransferStream stream, long sentEnd) throws Exception {
        return http.snapshot(accounts, stream, sentEnd);
    }

    @Override
    public java.util.Optional<ProcessHandle> serverProcess() {
        return java.util.Optional.of(http.server().processHandle());
    }

    @Override
    public java.util.Optional<ReadModelLag> readModelLag() {
        return java.util.Optional.of(http::projectionLag);
    }

    @Override
    public boolean startsCold() {
        return true;
    }

    @Override
    public void close() {
    }
}
