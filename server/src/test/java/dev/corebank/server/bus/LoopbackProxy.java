package dev.corebank.server.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a loopback port to a loopback target, that a test can cut (close every connection and refuse new
 * ones, as a broker that went down looks to its clients) and restore on the same port. It carries bytes only, so the
 * client and the broker speak their own protocol through it. Forwarding runs on virtual threads.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final int port;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private LoopbackProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** A proxy to {@code targetPort}, listening at once on a free port. */
    public static LoopbackProxy to(int targetPort) throws IOException {
        LoopbackProxy proxy = new LoopbackProxy(TestKafka.freePort(), targetPort);
        proxy.restore();
        return proxy;
    }

    /** A proxy on {@code port} to {@code targetPort}, listening at once. */
    public static LoopbackProxy on(int port, int targetPort) throws IOException {
        LoopbackProxy proxy = new LoopbackProxy(port, targetPort);
        proxy.restore();
        return proxy;
    }

    /** A proxy to {@code targetPort} on a free port, not listening until {@link #restore()}. */
    public static LoopbackProxy cutTo(int targetPort) throws IOException {
        return new LoopbackProxy(TestKafka.freePort(), targetPort);
    }

    public int port() {
        return port;
    }

    /** Starts listening again on the same port. */
    public synchronized void restore() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = listening;
        Thread.ofVirtual().name("proxy-accept-" + port).start(() -> accept(listening));
    }

    /** Closes every connection and stops listening: the target looks down. */
    public synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                Thread.ofVirtual().start(() -> pipe(client, target));
                Thread.ofVirtual().start(() -> pipe(target, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // One side closed or was cut; close the other too.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
