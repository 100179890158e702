package dev.switchboard.sender.messages;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.testing.OutboundRows;
import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.StandIn;
import dev.switchboard.testing.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SendMessageTest {

    @Test
    void smsReachesTwilioAsAValidRequestWithSenderBodyAndStatusCallback() {
        SendRequests request = SendRequests.sms().with("body", "Task done: +10 points");

        String twilioSid = request.accepted()
                .body("state", is("sent"))
                .body("twilioSid", startsWith("SM"))
                .extract().path("twilioSid");

        List<Map<String, Object>> received = StandIn.messagesTo(request.to());
        assertEquals(1, received.size());
        Map<String, Object> sent = received.get(0);
        assertEquals("+15550000100", StandIn.form(sent, "From"));
        assertEquals("Task done: +10 points", StandIn.form(sent, "Body"));
        assertEquals("http://127.0.0.1:8081/webhooks/twilio/status", StandIn.form(sent, "StatusCallback"));
        assertEquals(List.of(), sent.get("violations"));
        assertTrue(StandIn.violations().stream().noneMatch(v -> request.to().equals(StandIn.form(v, "To"))));
        assertEquals(twilioSid, OutboundRows.byKey("http:service:" + request.idempotencyKey()).twilioSid);
    }

    @Test
    void whatsappAddressesCarryThePrefixOnBothEnds() {
        SendRequests request = SendRequests.whatsapp().media("https://example.com/done.jpg");

        request.accepted().body("state", is("sent")).body("to", is("whatsapp:" + request.to()));

        Map<String, Object> sent = StandIn.messagesTo("whatsapp:" + request.to()).get(0);
        assertEquals("whatsapp:+15550000200", StandIn.form(sent, "From"));
        assertEquals("https://example.com/done.jpg", StandIn.form(sent, "MediaUrl"));
        assertEquals(List.of(), sent.get("violations"));
    }

    @Test
    void theSameIdempotencyKeyTwiceSendsOneMessage() {
        SendRequests request = SendRequests.sms();

        String first = request.accepted().header("Idempotent-Replayed", "false").extract().path("id");
        String second = request.accepted().header("Idempotent-Replayed", "true").body("state", is("sent"))
                .extract().path("id");

        assertEquals(first, second);
        assertEquals(1, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeySendOneMessage() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(0, Map.of(), null, 1, 500);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Response>> calls = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(request::post, callers))
                    .toList();
            Set<String> ids = calls.stream().map(CompletableFuture::join)
                    .peek(response -> assertEquals(202, response.statusCode()))
                    .map(response -> response.<String>path("id"))
                    .collect(Collectors.toSet());

            assertEquals(1, ids.size());
            assertEquals(1, StandIn.messagesTo(request.to()).size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void requestIsRecordedBeforeTwilioAnswers() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(0, Map.of(), null, 1, 700);

        CompletableFuture<Response> call = CompletableFuture.supplyAsync(request::post);
        // The row is inserted as 'requested' and moved to 'sending' just before the Twilio call, so wait for the latter.
        OutboundMessage whileTwilioThinks = awaitRow("http:service:" + request.idempotencyKey(), "sending",
                Duration.ofSeconds(5));

        assertEquals(null, whileTwilioThinks.twilioSid);
        assertTrue(!call.isDone(), "the client must still be waiting for Twilio");
        assertEquals(0, StandIn.messagesTo(request.to()).stream().filter(r -> r.get("status") != null).count());
        assertEquals("sent", call.join().path("state"));
    }

    @Test
    void theOutboundStateIsReadableById() {
        SendRequests request = SendRequests.sms();
        String id = request.accepted().extract().path("id");

        io.restassured.RestAssured.given().auth().oauth2(dev.switchboard.testing.TestTokens.serviceRole())
                .get("/outbound/" + id)
                .then().statusCode(200)
                .body("state", is("sent"))
                .body("to", equalTo(request.to()))
                .body("attempts", is(1));
    }

    private static OutboundMessage awaitRow(String key, String state, Duration patience) {
        return Waits.waitFor("outbound row for " + key + " in state " + state, patience, Duration.ofMillis(20))
                .until(() -> OutboundRows.byKey(key), row -> row != null && state.equals(row.state));
    }
}
