package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import dev.switchboard.twilio.TwilioClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusCallbacksTest {

    /** One callback as the receiving server saw it. */
    private record Callback(Map<String, String> params, String signature) {
    }

    private final String token = TestData.authToken();
    private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private TwilioStandIn standIn;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/status", exchange -> {
            Map<String, String> params = new LinkedHashMap<>();
            StandInRequest.decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .forEach((name, values) -> params.put(name, values.get(0)));
            callbacks.add(new Callback(params, exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        standIn.close();
        receiver.stop(0);
    }

    @Test
    void sentThenDeliveredArePostedSignedWithTheAuthToken() throws InterruptedException {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), true));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/status?gig=7";
        String to = TestData.phoneNumber();

        Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(TestData.phoneNumber()), "hi")
                .setStatusCallback(URI.create(url))
                .create(client());

        Callback sent = callbacks.poll(10, TimeUnit.SECONDS);
        Callback delivered = callbacks.poll(10, TimeUnit.SECONDS);
        assertEquals(List.of("sent", "delivered"), List.of(sent.params().get("MessageStatus"), delivered.params().get("MessageStatus")));
        assertEquals(message.getSid(), delivered.params().get("MessageSid"));
        assertEquals(to, delivered.params().get("To"));
        RequestValidator validator = new RequestValidator(token);
        assertTrue(validator.validate(url, sent.params(), sent.signature()), "signature of sent");
        assertTrue(validator.validate(url, delivered.params(), delivered.signature()), "signature of delivered");
    }

    @Test
    void callbacksAreOffWhenDisabled() throws InterruptedException {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), false));

        Message.creator(new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()), "hi")
                .setStatusCallback(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/status"))
                .create(client());

        assertNull(callbacks.poll(500, TimeUnit.MILLISECONDS));
    }

    private com.twilio.http.TwilioRestClient client() {
        return TwilioClients.create(TestData.accountSid(), token, Optional.of(standIn.baseUrl()));
    }
}
