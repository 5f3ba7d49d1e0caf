package dev.corebank.bench.systems;

import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.run.UnitExecutor;
import dev.corebank.bench.workload.TransferStream;

/**
 * The server over HTTP on loopback, one transfer per request ({@code POST /v1/transfers}) at a fixed concurrency: each
 * worker has one request in flight. 201 means applied and durable; a 4xx answer with a result code is a business
 * rejection; anything else is a failure. Requests go through {@link RawHttpClient}, so the client takes little of the
 * CPU the server shares with it.
 */
public final class HttpSingleSystem extends HttpSystem {

    public HttpSingleSystem(CorebankHttp http, int concurrency) {
        super(http, concurrency);
    }

    @Override
    public String name() {
        return "http-single";
    }

    @Override
    public String description() {
        return "corebank server over HTTP/1.1 on loopback, POST /v1/transfers, one transfer per request, "
                + concurrency() + " requests in flight";
    }

    @Override
    public int unitSize() {
        return 1;
    }

    @Override
    public UnitExecutor<byte[]> executor(TransferStream stream) {
        return new UnitExecutor<>() {
            @Override
            public byte[] prepare(long first, int count) {
                StringBuilder json = new StringBuilder(256);
                CorebankHttp.appendTransfer(json, stream, first);
                return http.rawPost("/v1/transfers", json.toString());
            }

            @Override
            public void execute(byte[] request, long first, int count, Outcomes outcomes) throws Exception {
                RawHttpClient.Answer response;
                try {
                    response = http.sendRaw(request);
                } catch (Exception failure) {
                    http.outcomeUnknown();
                    throw failure;
                }
                int status = response.status();
                if (status == 201) {
                    outcomes.set(first, Outcomes.ACCEPTED);
                    http.accepted(stream, first);
                } else if (status == 409 || status == 422) {
                    outcomes.set(first, Outcomes.REJECTED);
                } else {
                    http.outcomeUnknown();
                    throw new IllegalStateException("transfer request failed status=" + status + " body="
                            + CorebankHttp.abbreviate(response.body()));
                }
            }
        };
    }
}
