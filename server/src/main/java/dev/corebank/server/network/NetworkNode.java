package dev.corebank.server.network;

import dev.corebank.server.payments.iso.NetworkLink;
import dev.corebank.server.web.TraceIds;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** The network node's life: opens the settlement accounts, then joins the broker as the network and handles traffic. */
final class NetworkNode implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkNode.class);
    private final NetworkProperties properties;
    private final List<String> currencies;
    private final Settlement settlement;
    private final ClearingHouse clearingHouse;
    private final ScheduledExecutorService scheduler;
    private final Supplier<NetworkLink> connect;
    private NetworkLink link;
    private volatile boolean running;

    NetworkNode(NetworkProperties properties, List<String> currencies, Settlement settlement,
                ClearingHouse clearingHouse, ScheduledExecutorService scheduler, Supplier<NetworkLink> connect) {
        this.properties = properties;
        this.currencies = currencies;
        this.settlement = settlement;
        this.clearingHouse = clearingHouse;
        this.scheduler = scheduler;
        this.connect = connect;
    }

    Settlement settlement() {
        return settlement;
    }

    ClearingHouse clearingHouse() {
        return clearingHouse;
    }

    List<String> participants() {
        return properties.participants();
    }

    @Override
    public synchronized void start() {
        settlement.open(currencies, TraceIds.generate());
        link = connect.get();
        clearingHouse.connected(link);
        running = true;
        LOG.info("network: open code={} participants={} currencies={} seed={} dropRate={} duplicateRate={}"
                        + " reorderRate={} rejectRate={} latencyMillis={} down={} silent={}", link.code(),
                properties.participants(), currencies, properties.seed(), properties.dropRate(),
                properties.duplicateRate(), properties.reorderRate(), properties.rejectRate(),
                properties.latencyMillis(), properties.down(), properties.silent());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (link != null) {
            link.close();
        }
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return dev.corebank.server.reactor.ReactorRuntime.PHASE + 1024;
    }
}
