package dev.switchboard.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The network fault tool itself, against an echo server: it must pass bytes on, and fail them only as told. */
class TcpRelayTest {

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private ServerSocket echo;
    private TcpRelay relay;

    @BeforeEach
    void startAnEchoServerBehindARelay() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::echoEveryConnection, "echo");
        server.setDaemon(true);
        server.start();
        relay = TcpRelay.to(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        echo.close();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertArrayEquals(PING, roundTrip(client));
        }
    }

    @Test
    void holdsEachChunkForTheLatencyEachWay() throws IOException {
        relay.latency(Duration.ofMillis(300));
        try (Socket client = connect()) {
            long start = System.nanoTime();
            roundTrip(client);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(600)) >= 0, "round trip took " + took);
        }
    }

    @Test
    void aStallHoldsBytesUntilTheyFlowAgain() throws IOException {
        try (Socket client = connect()) {
            relay.stall();
            client.getOutputStream().write(PING);
            client.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
            relay.flowAgain();
            client.setSoTimeout(5_000);
            assertArrayEquals(PING, client.getInputStream().readNBytes(PING.length));
        }
    }

    @Test
    void aCutResetsOpenConnectionsAndLetsNewOnesThrough() throws IOException {
        try (Socket cut = connect()) {
            roundTrip(cut);
            relay.cutConnections();
            assertTrue(endedOrReset(cut), "the open connection was cut");
            try (Socket fresh = connect()) {
                assertArrayEquals(PING, roundTrip(fresh));
            }
        }
    }

    private Socket connect() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port());
        client.setSoTimeout(5_000);
        return client;
    }

    private static byte[] roundTrip(Socket client) throws IOException {
        client.getOutputStream().write(PING);
        return client.getInputStream().readNBytes(PING.length);
    }

    private static boolean endedOrReset(Socket client) throws IOException {
        try {
            return client.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    private void echoEveryConnection() {
        while (!echo.isClosed()) {
            try {
                Socket connection = echo.accept();
                Thread echoing = new Thread(() -> {
                    try (connection; InputStream in = connection.getInputStream()) {
                        in.transferTo(connection.getOutputStream());
                    } catch (IOException e) {
                        // The relay cut it.
                    }
                }, "echo-connection");
                echoing.setDaemon(true);
                echoing.start();
            } catch (IOException e) {
                // Closed at the end of the test.
            }
        }
    }
}
