package dev.corebank.bench.systems;

import dev.corebank.bench.run.Outcomes;
import dev.corebank.bench.run.UnitExecutor;
import dev.corebank.bench.workload.TransferStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The server over HTTP on loopback through the batch endpoint ({@code POST /v1/transfers/batch}): each request carries
 * a whole batch, and each item's result comes back in the response.
 */
public final class HttpBatchSystem extends HttpSystem {
    private final int batchSize;

    public HttpBatchSystem(CorebankHttp http, int batchSize, int concurrency) {
        super(http, concurrency);
        if (batchSize <= 0 || batchSize > CorebankHttp.BATCH_ITEMS_MAX) {
            throw new IllegalArgumentException("batchSize must be in 1.." + CorebankHttp.BATCH_ITEMS_MAX
                    + " batchSize=" + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "http-batch";
    }

    @Override
    public String description() {
        return "corebank server over HTTP/1.1 on loopback, POST /v1/transfers/batch, " + batchSize
                + " transfers per request, " + concurrency() + " requests in flight";
    }

    @Override
    public int unitSize() {
        return batchSize;
    }

    @Override
    public UnitExecutor<HttpRequest> executor(TransferStream stream) {
        return new UnitExecutor<>() {
            @Override
            public HttpRequest prepare(long first, int count) {
                return http.post("/v1/transfers/batch", CorebankHttp.transferBatch(stream, first, count));
            }

            @Override
            public void execute(HttpRequest request, long first, int count, Outcomes outcomes) throws Exception {
                String[] results;
                try {
                    HttpResponse<String> response = http.send(request);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("batch request failed status=" + response.statusCode()
                                + " body=" + CorebankHttp.abbreviate(response.body()));
                    }
                    results = CorebankHttp.batchResults(response.body(), count);
                } catch (Exception failure) {
                    http.outcomeUnknown();
                    throw failure;
                }
                for (int item = 0; item < count; item++) {
                    boolean ok = CorebankHttp.isOk(results[item]);
                    outcomes.set(first + item, ok ? Outcomes.ACCEPTED : Outcomes.REJECTED);
                    if (ok) {
                        http.accepted(stream, first + item);
                    }
                }
            }
        };
    }
}
