package dev.switchboard.ingest.twilio;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventSources;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class MessagingWebhookTest {

    /** 1,600 characters, each a 4-byte emoji: ~6.4 KB raw, ~19 KB form-encoded, far above Quarkus' 2 KB form limit. */
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private static final String FULL_LENGTH_EMOJI = "\uD83D\uDE00".repeat(1600);

    static Stream<Arguments> inboundMessages() {
        return Stream.of(
                Arguments.of("sms", TwilioWebhook.sms("Task 12 done"), "sms", 0),
                Arguments.of("whatsapp with 3 media", TwilioWebhook.whatsapp("photos").withMedia(3), "whatsapp", 3),
                Arguments.of("media only", TwilioWebhook.sms("").without("Body").withMedia(1), "sms", 1),
                Arguments.of("location", TwilioWebhook.whatsapp("").without("Body").with("MessageType", "location")
                        .with("Latitude", "52.520008").with("Longitude", "13.404954")
                        .with("Address", "Alexanderplatz").with("Label", "Site"), "whatsapp", 0),
                Arguments.of("1,600 emoji", TwilioWebhook.sms(FULL_LENGTH_EMOJI).with("NumSegments", "25"), "sms", 0),
                Arguments.of("parameter Twilio adds later", TwilioWebhook.sms("new").with("BrandNewParam", "kept"),
                        "sms", 0),
                Arguments.of("repeated parameter", TwilioWebhook.sms("rep").repeated("Tag", "b").repeated("Tag", "a"),
                        "sms", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundMessages")
    void signedInboundMessageIsAnsweredWithEmptyTwimlAfterExactlyOneEventIsOnKafka(String name, TwilioWebhook webhook,
            String channel, int mediaCount) {
        webhook.post()
                .then()
                .statusCode(200)
                .contentType(startsWith("text/xml"))
                .body(equalTo(EMPTY_TWIML));

        ConsumerRecord<String, Event<MessageData>> record = webhook.onlyEvent();
        MessageData message = record.value().data();
        assertEquals(EventTypes.MESSAGE_ADDED, record.value().type());
        assertEquals(EventSources.MESSAGING, record.value().source());
        assertEquals(webhook.get("MessageSid"), message.messageSid());
        assertEquals(channel, message.channel());
        assertEquals(webhook.get("Body"), message.body());
        assertEquals(webhook.expectedTwilioParams(), message.twilioParams());
        assertEquals(mediaCount, message.media().size());
        for (int i = 0; i < mediaCount; i++) {
            MediaItem media = message.media().get(i);
            assertEquals(webhook.get("MediaUrl" + i), media.url());
            assertEquals(webhook.get("MediaContentType" + i), media.contentType());
        }
        assertEquals(List.of(message.from(), message.to()).stream().sorted().toList(),
                List.of(record.key().split("\\|")));
    }

    @Test
    void earlierDesignsUrlIsAnAliasOfTheMessagingWebhook() {
        TwilioWebhook webhook = TwilioWebhook.sms("via the old URL").at("/webhook/twilio");

        webhook.post()
                .then()
                .statusCode(200)
                .body(equalTo(EMPTY_TWIML));

        assertEquals(webhook.get("MessageSid"), webhook.onlyEvent().value().data().messageSid());
    }
}
