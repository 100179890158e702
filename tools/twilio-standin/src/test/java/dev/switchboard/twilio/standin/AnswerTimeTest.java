package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.switchboard.twilio.TwilioClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in answers as soon as it has its answer, as Twilio does. The JDK's HTTP server sends a response's headers
 * and body in two writes with Nagle's algorithm on, so without {@code TCP_NODELAY} the body waits for the client's
 * delayed ACK of the headers: 40 ms on Linux, added to every answer. Run as its own process, as {@code ./switchboard}
 * and the benchmarks run it: the JDK reads the switch once per process, when its first HTTP server starts.
 */
class AnswerTimeTest {

    /** Linux's shortest delayed ACK is 40 ms: an answer held for it takes at least that long. */
    private static final long DELAYED_ACK_MILLIS = 40;

    private Process standIn;
    private String baseUrl;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TwilioStandIn.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TWILIO_STANDIN_PORT", Integer.toString(port));
        standIn = builder.start();
        baseUrl = "http://127.0.0.1:" + port;
        awaitListening(port);
    }

    @AfterEach
    void stop() throws Exception {
        standIn.destroy();
        standIn.waitFor();
    }

    @Test
    void messagesAreAnsweredWithoutWaitingForTheClientsDelayedAck() {
        var client = TwilioClients.create(TestData.accountSid(), TestData.authToken(), Optional.of(baseUrl));
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long start = System.nanoTime();
            Message message = Message.creator(new PhoneNumber(TestData.phoneNumber()),
                    new PhoneNumber(TestData.phoneNumber()), "answer time " + i).create(client);
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(Message.Status.QUEUED, message.getStatus());
        }
        // The first sends pay the fresh JVMs' start; every later one would pay the delayed ACK.
        List<Long> settled = millis.subList(20, millis.size()).stream().sorted().toList();
        long median = settled.get(settled.size() / 2);
        assertTrue(median < DELAYED_ACK_MILLIS, "median answer " + median + " ms, not under the " + DELAYED_ACK_MILLIS
                + " ms of a delayed ACK: " + millis);
    }

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                if (!standIn.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stand-in did not listen on " + port, notYet);
                }
                Thread.sleep(100);
            }
        }
    }
}
