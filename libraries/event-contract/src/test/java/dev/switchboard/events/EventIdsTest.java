package dev.switchboard.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void aDerivedIdIsTheSameForTheSameFactAndDiffersForAnother() {
        Instant at = Instant.parse("2026-12-05T10:00:00.123Z");
        String id = EventIds.derived(at, "message.added|SM1");

        assertEquals(id, EventIds.derived(at, "message.added|SM1"));
        assertNotEquals(id, EventIds.derived(at, "message.added|SM2"));
        assertNotEquals(id, EventIds.derived(at, "message.status|SM1|delivered"));
    }

    @Test
    void aDerivedIdIsAUuidV7CarryingItsTimeSoItSortsWithTheOthers() {
        Instant at = Instant.parse("2026-12-05T10:00:00.123Z");
        UUID id = UUID.fromString(EventIds.derived(at, "message.added|SM1"));

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at.toEpochMilli(), id.getMostSignificantBits() >>> 16);
        assertTrue(EventIds.derived(at, "z").compareTo(EventIds.derived(at.plusMillis(1), "a")) < 0,
                "ordered by time first");
    }
}
