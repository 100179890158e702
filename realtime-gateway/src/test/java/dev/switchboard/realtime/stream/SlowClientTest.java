package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestEvents;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestKafka;
import dev.switchboard.testing.Waits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A client that stops reading is cut off (memory stays bounded) and counted, instead of being buffered forever. */
@QuarkusTest
class SlowClientTest {

    private static final Pattern DISCONNECTS = Pattern.compile(
            "(?m)^realtime_streams_slow_client_disconnects_total(?:\\{[^}]*})? ([0-9.Ee+]+)");

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @Test
    void clientThatStopsReadingIsDisconnected() throws IOException {
        TestUser user = new TestDatabase().user();
        double before = slowClientDisconnects();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024);
            socket.connect(new java.net.InetSocketAddress(streamUri.getHost(), streamUri.getPort()));
            socket.getOutputStream().write(("GET /v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: " + user.bearer() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            readUntil(socket.getInputStream(), "retry:");

            String body = "x".repeat(16 * 1024);
            for (int i = 0; i < 800 && slowClientDisconnects() == before; i++) {
                TestKafka.broker().publishMessageEvent(TestEvents.sms(TestDatabase.strangerNumber(), user.phone(), body));
            }

            awaitDisconnectCounted(before);
            assertTrue(readsToEnd(socket, Duration.ofSeconds(30)), "the server kept the slow client's connection open");
        }
    }

    private static void awaitDisconnectCounted(double before) {
        Waits.waitFor("the slow client's disconnect counted")
                .until(SlowClientTest::slowClientDisconnects, count -> count != before);
        assertEquals(before + 1, slowClientDisconnects());
    }

    static double slowClientDisconnects() {
        Matcher matcher = DISCONNECTS.matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains(marker)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("stream ended before '" + marker + "': " + seen);
            }
            seen.append((char) b);
        }
        assertTrue(seen.toString().startsWith("HTTP/1.1 200"), seen.toString());
    }

    /** Drains what the kernel buffered; true once the server has closed the connection. */
    private static boolean readsToEnd(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buffer = new byte[64 * 1024];
        try {
            while (true) {
                int read = socket.getInputStream().read(buffer);
                if (read < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
