package dev.switchboard.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.type.PhoneNumber;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioClientsTest {

    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "secret-token";

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private volatile String responseBody = "{}";
    private volatile long answerDelayMillis;
    private TwilioRestClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + URLDecoder.decode(body,
                    StandardCharsets.UTF_8));
            pause(answerDelayMillis);
            byte[] answer = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        client = TwilioClients.create(SID, TOKEN,
                Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void messagingRequestGoesToTheBaseUrlWithBasicAuthAndForm() {
        responseBody = "{\"sid\":\"SM1\",\"status\":\"queued\"}";

        Message message = Message.creator(new PhoneNumber("+15550001111"), new PhoneNumber("+15550002222"), "hi")
                .create(client);

        assertEquals("SM1", message.getSid());
        String basic = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, requests.size());
        String request = requests.get(0);
        assertTrue(request.startsWith("POST /2010-04-01/Accounts/" + SID + "/Messages.json " + basic), request);
        assertTrue(request.contains("To=+15550001111") && request.contains("Body=hi"), request);
    }

    @Test
    void conversationsRequestGoesToTheSameBaseUrl() {
        responseBody = "{\"sid\":\"CH1\"}";

        Conversation.creator().setUniqueName("gig-7").create(client);

        assertTrue(requests.get(0).startsWith("POST /v1/Conversations "), requests.get(0));
    }

    @Test
    void serviceMessagesPathIsTheOneTheSdkUsesForTheService() {
        responseBody = "{\"sid\":\"IM1\"}";
        ConversationsService service = new ConversationsService("IS" + "0".repeat(31) + "7");
        String conversation = "CH" + "0".repeat(31) + "9";

        com.twilio.rest.conversations.v1.service.conversation.Message.creator(service.sid(), conversation)
                .setBody("hi").create(client);

        assertTrue(requests.get(0).startsWith("POST " + service.messagesPath(conversation) + " "), requests.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "IS123", "CH00000000000000000000000000000000", "IS0000000000000000000000000000000g"})
    void aConversationsServiceSidThatIsNoneIsRefusedNamingTheVariable(String sid) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ConversationsService(sid));
        assertTrue(refused.getMessage().contains("TWILIO_CONVERSATIONS_SERVICE_SID"), refused.getMessage());
    }

    @Test
    void aServerErrorIsNotRetriedBehindTheCallersBack() {
        status.set(500);
        responseBody = "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}";

        assertThrows(ApiException.class, () -> Message.creator(new PhoneNumber("+15550001111"),
                new PhoneNumber("+15550002222"), "hi").create(client));

        assertEquals(1, requests.size(), "one POST, one possible message");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void answersThatHttpClientWouldRetryAreNotResentEither(int answer) {
        status.set(answer);
        responseBody = "{\"code\":20" + answer + ",\"message\":\"try later\",\"status\":" + answer + "}";

        assertThrows(ApiException.class, () -> Message.creator(new PhoneNumber("+15550001111"),
                new PhoneNumber("+15550002222"), "hi").create(client));

        assertEquals(1, requests.size(), "one POST, one possible message");
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutFailsWithASocketTimeout() {
        answerDelayMillis = 1_500;
        TwilioRestClient impatient = TwilioClients.create(SID, TOKEN,
                Optional.of("http://127.0.0.1:" + server.getAddress().getPort()), java.time.Duration.ofMillis(300));

        ApiException failure = assertThrows(ApiException.class, () -> Message.creator(
                new PhoneNumber("+15550001111"), new PhoneNumber("+15550002222"), "hi").create(impatient));

        assertTrue(failure.getCause() instanceof java.net.SocketTimeoutException, String.valueOf(failure.getCause()));
        assertEquals(1, requests.size());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void onlyTwilioOriginsAreRebased() {
        assertEquals("http://x/2010-04-01/A", SingleAttemptHttpClient.rebase("https://api.twilio.com/2010-04-01/A", "http://x"));
        assertEquals("http://x/v1/C", SingleAttemptHttpClient.rebase("https://conversations.twilio.com/v1/C", "http://x"));
        assertEquals("https://evil.example/x", SingleAttemptHttpClient.rebase("https://evil.example/x", "http://x"));
    }
}
