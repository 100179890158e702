package dev.switchboard.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on a free local port to one target (Kafka's relayed listener, PostgreSQL) that can play a bad network:
 * hold every chunk for a while, cut every connection (a reset, as a dropped route gives), or stall (bytes stop
 * flowing, connections stay open). One thread per direction of each connection: enough for the suite's few hundred.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final Object flow = new Object();
    private volatile long latencyMillis;
    private volatile boolean stalled;

    private TcpRelay(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    static TcpRelay to(int targetPort) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        TcpRelay relay = new TcpRelay(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        relay.threads.execute(relay::accept);
        return relay;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every chunk, either way, is held this long before it is passed on. */
    void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /** Resets every open connection, both sides; new ones are relayed as before. */
    void cutConnections() {
        sockets.forEach(socket -> {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                // Already closed: nothing to cut.
            }
        });
    }

    /** Stops passing bytes on (connections stay open, new ones are accepted) until {@link #flowAgain()}. */
    void stall() {
        stalled = true;
    }

    void flowAgain() {
        synchronized (flow) {
            stalled = false;
            flow.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                // The relay was closed, or one accept failed: the loop condition tells which.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitFlow();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // Either side went away or was cut: closing both ends passes that on.
        } finally {
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitFlow() throws InterruptedException {
        long latency = latencyMillis;
        if (latency > 0) {
            Thread.sleep(latency);
        }
        synchronized (flow) {
            while (stalled) {
                flow.wait();
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        flowAgain();
        cutConnections();
        threads.shutdownNow();
    }
}
