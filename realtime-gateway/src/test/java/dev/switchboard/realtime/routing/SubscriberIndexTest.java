package dev.switchboard.realtime.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The index keeps each key's readers as an immutable list replaced on every change: streams of one user, number or
 * conversation must come and go one at a time, whatever the order.
 */
class SubscriberIndexTest {

    private static final long USER = 42;
    private static final String NUMBER = "+15550100042";

    private final SubscriberIndex index = new SubscriberIndex();

    @Test
    void closingOneOfAUsersStreamsLeavesTheOthersReading() {
        OpenStream first = stream();
        OpenStream second = stream();
        OpenStream third = stream();
        index.register(first);
        index.register(second);
        index.register(third);

        index.unregister(second);

        assertEquals(Set.of(first, third), index.readersOf(taskEvent()));
        assertEquals(Set.of(first, third), index.readersOf(smsEvent()));
        index.unregister(first);
        index.unregister(third);
        assertEquals(Set.of(), index.readersOf(taskEvent()));
        assertEquals(Set.of(), index.all());
    }

    @Test
    void aStreamJoinsAndLeavesAConversationWithoutTouchingTheOthersInIt() {
        OpenStream first = stream();
        OpenStream second = stream();
        index.register(first);
        index.register(second);
        index.join(first, "CH1", "MB1");
        index.join(second, "CH1", "MB2");
        // A repeated add of the same participant changes nothing.
        index.join(first, "CH1", "MB1");

        assertEquals(Set.of(first, second), index.readersOf(chatEvent("CH1")));
        index.unregister(first);
        assertEquals(Set.of(second), index.readersOf(chatEvent("CH1")));
        index.apply(new ParticipantChange(false, "CH1", "MB2", "user-42", null));
        assertEquals(Set.of(), index.readersOf(chatEvent("CH1")));
    }

    private static OpenStream stream() {
        return new OpenStream(new Subscription(new Membership(USER, NUMBER, "user-42"), Set.of()));
    }

    private static StreamEvent taskEvent() {
        return event(Audience.user(USER));
    }

    private static StreamEvent smsEvent() {
        return event(new Audience(null, null, NUMBER + "|+15550100999", Set.of(NUMBER, "+15550100999")));
    }

    private static StreamEvent chatEvent(String conversationSid) {
        return event(new Audience(null, conversationSid, conversationSid, Set.of()));
    }

    private static StreamEvent event(Audience audience) {
        return new StreamEvent("id", "message.added", Instant.now(), audience, Buffer.buffer());
    }

    /** A stream as the index sees it; identity is what tells two of them apart. */
    private static final class OpenStream implements Subscriber {

        private final Subscription subscription;

        OpenStream(Subscription subscription) {
            this.subscription = subscription;
        }

        @Override
        public Subscription subscription() {
            return subscription;
        }

        @Override
        public void deliver(StreamEvent event) {
        }
    }
}
