package dev.switchboard.realtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.events.Event;
import dev.switchboard.events.MediaItem;
import dev.switchboard.events.MessageData;
import dev.switchboard.realtime.routing.StreamEvent;
import dev.switchboard.realtime.routing.StreamEvents;
import dev.switchboard.testing.SseEvent;
import dev.switchboard.testing.SseLines;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Whatever a message event holds (line breaks, control characters, odd Unicode in any field, its id and type
 * included), the stream writes it as exactly one SSE event whose id, name and JSON a browser reads back intact.
 * The default build replays the committed seed corpus; {@code -Pfuzz} mutates it (see docs/reliability.md).
 */
class SseFrameFuzzTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final StreamEvents EVENTS = new StreamEvents(JSON);

    @FuzzTest(maxDuration = "10m")
    void messageEventIsFramedAsExactlyOneSseEvent(FuzzedDataProvider in) throws JsonProcessingException {
        Event<MessageData> event = new Event<>(Event.SPEC_VERSION, in.consumeString(64), "message." + in.consumeString(32),
                "fuzz", Instant.ofEpochMilli(in.consumeLong()), in.consumeString(32), message(in));

        StreamEvent framed = EVENTS.message(event);
        List<SseEvent> read = SseLines.parse(framed.frame().toString());

        assertEquals(1, read.size(), "events in the frame");
        assertEquals(withoutLineBreaks(event.id()), read.get(0).id());
        assertEquals(withoutLineBreaks(event.type()), read.get(0).type());
        JsonNode data = JSON.readTree(read.get(0).data());
        assertEquals(event.id(), data.path("id").asText());
        JsonNode message = data.path("message");
        assertEquals(event.data().messageSid(), message.path("message_sid").asText());
        assertEquals(event.data().body(), message.path("body").asText());
        assertEquals(event.data().media().get(0).contentType(),
                message.path("media_items").path(0).path("content_type").asText());
    }

    private static MessageData message(FuzzedDataProvider in) {
        return new MessageData(in.consumeString(40), in.consumeString(40), in.consumeBoolean() ? null : in.consumeString(40),
                in.consumeString(40), in.consumeString(16), in.consumeString(40), in.consumeString(40),
                in.consumeString(40), in.consumeString(2_000), in.consumeInt(), in.consumeString(40), in.consumeString(200),
                List.of(new MediaItem(in.consumeString(40), in.consumeString(200), in.consumeString(40),
                        in.consumeString(40), in.consumeLong())),
                in.consumeString(20), in.consumeInt(), in.consumeString(100), Instant.ofEpochSecond(in.consumeInt()),
                null, Map.of(in.consumeString(20), in.consumeString(100)));
    }

    private static String withoutLineBreaks(String value) {
        return value.replaceAll("\r\n|\r|\n", "");
    }
}
