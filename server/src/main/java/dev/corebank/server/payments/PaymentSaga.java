package dev.corebank.server.payments;

import dev.corebank.server.payments.iso.NetworkLink;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The bank's side of the payment network, started after the reactors: connects to the network's broker as this
 * bank's participant code, consumes its queue into the journal ({@link PaymentInbox}), and starts the workers that
 * carry the saga's actions out. Stopped before the reactors, so the last messages are journaled before they stop.
 */
final class PaymentSaga implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentSaga.class);
    private final Supplier<NetworkLink> connect;
    private final PaymentWorkers workers;
    private NetworkLink link;
    private volatile boolean running;

    PaymentSaga(Supplier<NetworkLink> connect, PaymentWorkers workers) {
        this.connect = connect;
        this.workers = workers;
    }

    @Override
    public synchronized void start() {
        link = connect.get();
        workers.start(link);
        running = true;
        LOG.info("payments: joined the payment network bankCode={} queue={}", link.code(),
                NetworkLink.queue(link.code()));
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (link != null) {
            link.close();
        }
        workers.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the reactor runtime (which starts earlier), so the reactor "payments" runs when messages arrive.
        return dev.corebank.server.reactor.ReactorRuntime.PHASE + 1024;
    }
}
