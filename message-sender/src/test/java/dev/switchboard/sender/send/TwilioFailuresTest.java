package dev.switchboard.sender.send;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.StandIn;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TwilioFailuresTest {

    @Test
    void rateLimitedTwiceIsSentOnceAfterTheAdvertisedWaits() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(429, Map.of("Retry-After", "1"), StandIn.twilioError(429, 20429, "Too Many Requests"),
                2, 0);

        long start = System.nanoTime();
        request.accepted().body("state", is("sent")).body("attempts", is(3));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        List<Object> statuses = StandIn.messagesTo(request.to()).stream().map(r -> r.get("status")).toList();
        assertEquals(List.of(429, 429, 201), statuses);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0, "sent after " + took + ", Twilio asked for 2 x 1 s");
    }

    /** A caller waits for the answer, so its send gets the short budget (unlike a Kafka command: RateLimitSequenceTest). */
    @Test
    void aCallersSendRateLimitedPastItsAttemptsFailsWithTwilios429Code() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(429, Map.of("Retry-After", "1"), StandIn.twilioError(429, 20429, "Too Many Requests"),
                5, 0);

        request.accepted().body("state", is("failed")).body("errorCode", is(20429)).body("attempts", is(5))
                .body("twilioSid", nullValue());

        assertEquals(5, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void anInvalidNumberIsFinalAndNotRetried() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(400, Map.of(), StandIn.twilioError(400, 21211, "The 'To' number is not a valid phone number."),
                1, 0);

        request.accepted().body("state", is("failed")).body("errorCode", is(21211)).body("twilioSid", nullValue());

        assertEquals(1, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void aServerErrorIsAmbiguousAndNeverResent() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(500, Map.of(), null, 1, 0);

        request.accepted().body("state", is("ambiguous")).body("attempts", is(1));
        request.accepted().body("state", is("ambiguous"));

        assertEquals(1, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAmbiguousAndNotResent() {
        SendRequests request = SendRequests.sms();
        StandIn.scriptMessages(0, Map.of(), null, 1, 2_000);

        request.accepted().body("state", is("ambiguous"));

        assertEquals(1, StandIn.messagesTo(request.to()).size());
    }

    @Test
    void whatsappOutsideTheWindowIsSentAsTheConfiguredTemplate() {
        SendRequests request = SendRequests.whatsapp().with("templateKind", "task-done");
        StandIn.scriptMessages(400, Map.of(), StandIn.twilioError(400, 63016,
                "Failed to send freeform message because you are outside the allowed window."), 1, 0);

        request.accepted().body("state", is("sent")).body("attempts", is(2));

        List<Map<String, Object>> sent = StandIn.messagesTo("whatsapp:" + request.to());
        assertEquals(2, sent.size());
        assertEquals("HX0000000000000000000000000000d0e1", StandIn.form(sent.get(1), "ContentSid"));
        assertNull(StandIn.form(sent.get(1), "Body"));
    }

    @Test
    void outsideTheWindowWithoutATemplateIsFinal() {
        SendRequests request = SendRequests.whatsapp();
        StandIn.scriptMessages(400, Map.of(), StandIn.twilioError(400, 63016, "outside the allowed window"), 1, 0);

        request.accepted().body("state", is("failed")).body("errorCode", is(63016));

        assertEquals(1, StandIn.messagesTo("whatsapp:" + request.to()).size());
    }
}
