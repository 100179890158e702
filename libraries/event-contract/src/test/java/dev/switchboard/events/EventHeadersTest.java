package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

    private static final byte[] NOT_JSON = "not json".getBytes(StandardCharsets.UTF_8);

    private static Event<MessageData> status(String status) {
        return Event.of(EventTypes.MESSAGE_STATUS, EventSources.MESSAGING, "k", new MessageData("SM1", "AC1", null,
                null, "sms", "+15550001111", "+15550002222", null, null, null, null, null, null, status, null, null,
                Instant.parse("2026-12-05T10:15:30Z"), null, Map.of()));
    }

    @Test
    void theSerializerWritesTheEventTypeAsAHeaderOnce() {
        Headers headers = new RecordHeaders();
        EventSerializer serializer = new EventSerializer();

        serializer.serialize(Topics.MESSAGE_EVENTS, headers, status("sent"));
        serializer.serialize(Topics.MESSAGE_EVENTS, headers, status("delivered"));

        assertEquals(Optional.of(EventTypes.MESSAGE_STATUS), EventHeaders.type(headers));
        assertEquals(1, headers.toArray().length, "a resent record keeps one type header");
    }

    @Test
    void theStatusDeserializerPassesOverOtherTypesUnparsed() {
        Headers added = new RecordHeaders().add(EventHeaders.TYPE, "message.added".getBytes(StandardCharsets.UTF_8));

        assertNull(new EventDeserializer.MessageStatuses().deserialize(Topics.MESSAGE_EVENTS, added, NOT_JSON));
    }

    @Test
    void theStatusDeserializerReadsStatusesAndRecordsWithoutTheHeader() {
        Event<MessageData> status = status("delivered");
        Headers headers = new RecordHeaders();
        byte[] json = new EventSerializer().serialize(Topics.MESSAGE_EVENTS, headers, status);
        EventDeserializer.MessageStatuses statuses = new EventDeserializer.MessageStatuses();

        assertEquals(status, statuses.deserialize(Topics.MESSAGE_EVENTS, headers, json));
        assertEquals(status, statuses.deserialize(Topics.MESSAGE_EVENTS, new RecordHeaders(), json));
        assertThrows(UncheckedIOException.class,
                () -> statuses.deserialize(Topics.MESSAGE_EVENTS, new RecordHeaders(), NOT_JSON),
                "a record without the header is parsed, so a broken one fails as before");
    }

    @Test
    void theAdditionsDeserializerPassesOverStatusesUnparsedAndReadsAdditions() {
        Headers status = new RecordHeaders().add(EventHeaders.TYPE,
                EventTypes.MESSAGE_STATUS.getBytes(StandardCharsets.UTF_8));
        Event<MessageData> added = Event.of(EventTypes.MESSAGE_ADDED, EventSources.MESSAGING, "k",
                status("received").data());
        Headers headers = new RecordHeaders();
        byte[] json = new EventSerializer().serialize(Topics.MESSAGE_EVENTS, headers, added);
        EventDeserializer.MessageAdditions additions = new EventDeserializer.MessageAdditions();

        assertNull(additions.deserialize(Topics.MESSAGE_EVENTS, status, NOT_JSON));
        assertEquals(added, additions.deserialize(Topics.MESSAGE_EVENTS, headers, json));
        assertEquals(added, additions.deserialize(Topics.MESSAGE_EVENTS, new RecordHeaders(), json));
    }
}
