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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusCallbacksTest {

    /** One callback as the receiving server saw it: what it said, and how it came. */
    private record Callback(Map<String, String> params, String signature, String protocol, String upgrade,
                            String userAgent, int clientPort) {
    }

    private final String token = TestData.authToken();
    private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();
    /** What the receiver does before answering a callback; nothing unless a test says. */
    private volatile Consumer<Map<String, String>> beforeAnswering = params -> { };
    private HttpServer receiver;
    private TwilioStandIn standIn;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/status", exchange -> {
            Map<String, String> params = new LinkedHashMap<>();
            StandInRequest.decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .forEach((name, values) -> params.put(name, values.get(0)));
            callbacks.add(new Callback(params, exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                    exchange.getProtocol(), exchange.getRequestHeaders().getFirst("Upgrade"),
                    exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRemoteAddress().getPort()));
            beforeAnswering.accept(params);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newCachedThreadPool());
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
    void callbacksComeOverHttp11OnAKeptAliveConnectionAsTwilioProxy() throws InterruptedException {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), true));

        sendWithCallbackToTheReceiver();

        Callback sent = callbacks.poll(10, TimeUnit.SECONDS);
        Callback delivered = callbacks.poll(10, TimeUnit.SECONDS);
        for (Callback callback : List.of(sent, delivered)) {
            assertEquals("HTTP/1.1", callback.protocol());
            assertNull(callback.upgrade(), "no upgrade to HTTP/2 asked for");
            assertEquals("TwilioProxy/1.1", callback.userAgent());
        }
        // delivered is posted after sent was answered: the connection sent came on is free again, and is reused.
        assertEquals(sent.clientPort(), delivered.clientPort(), "delivered came on the connection sent came on");
    }

    @Test
    void aReceiverSlowToAnswerOneMessagesCallbackHoldsUpNoOtherMessage() throws InterruptedException {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), true));
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/status");
        CountDownLatch otherMessageCalledBack = new CountDownLatch(1);
        AtomicReference<String> first = new AtomicReference<>();
        AtomicBoolean heldUntilTheOther = new AtomicBoolean();
        beforeAnswering = params -> {
            if (first.compareAndSet(null, params.get("MessageSid"))) {
                // The first message's sent is not answered until the other message's sent arrived (or 10 s passed).
                heldUntilTheOther.set(await(otherMessageCalledBack));
            } else if (!params.get("MessageSid").equals(first.get())) {
                otherMessageCalledBack.countDown();
            }
        };

        Message one = Message.creator(new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()),
                "one").setStatusCallback(url).create(client());
        Message two = Message.creator(new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()),
                "two").setStatusCallback(url).create(client());

        Map<String, List<String>> statuses = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            Callback callback = callbacks.poll(20, TimeUnit.SECONDS);
            statuses.computeIfAbsent(callback.params().get("MessageSid"), sid -> new ArrayList<>())
                    .add(callback.params().get("MessageStatus"));
        }
        assertTrue(heldUntilTheOther.get(), "the other message's callback arrived while the first was unanswered");
        assertEquals(Map.of(one.getSid(), List.of("sent", "delivered"), two.getSid(), List.of("sent", "delivered")),
                statuses);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void callbacksAreOffWhenDisabled() throws InterruptedException {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), false));

        sendWithCallbackToTheReceiver();

        assertNull(callbacks.poll(500, TimeUnit.MILLISECONDS));
    }

    private void sendWithCallbackToTheReceiver() {
        Message.creator(new PhoneNumber(TestData.phoneNumber()), new PhoneNumber(TestData.phoneNumber()), "hi")
                .setStatusCallback(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/status"))
                .create(client());
    }

    private com.twilio.http.TwilioRestClient client() {
        return TwilioClients.create(TestData.accountSid(), token, Optional.of(standIn.baseUrl()));
    }
}
