package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusCallbackTest {

    /** Twilio does not order callbacks: each one is forwarded as it comes; status ordering is the consumer's job. */
    @Test
    void statusCallbacksArrivingOutOfOrderAreEachForwardedOnce() {
        String sid = TwilioWebhook.sid("SM");
        List<TwilioWebhook> callbacks = List.of(
                TwilioWebhook.status(sid, "delivered"),
                TwilioWebhook.status(sid, "queued"),
                TwilioWebhook.status(sid, "sent"));

        callbacks.forEach(callback -> callback.post().then().statusCode(200));

        for (TwilioWebhook callback : callbacks) {
            var event = callback.onlyEvent().value();
            assertEquals(EventTypes.MESSAGE_STATUS, event.type());
            assertEquals(EventSources.STATUS, event.source());
            assertEquals(sid, event.data().messageSid());
            assertEquals(callback.get("MessageStatus"), event.data().status());
        }
    }

    @Test
    void failedStatusKeepsTwilioErrorCodeAndMessage() {
        TwilioWebhook callback = TwilioWebhook.status(TwilioWebhook.sid("SM"), "undelivered")
                .with("ErrorCode", "30008")
                .with("ErrorMessage", "Unknown error");

        callback.post().then().statusCode(200);

        MessageData status = callback.onlyEvent().value().data();
        assertEquals(30008, status.errorCode());
        assertEquals("Unknown error", status.errorMessage());
        assertEquals("sms", status.channel());
        assertEquals(callback.expectedTwilioParams(), status.twilioParams());
    }
}
