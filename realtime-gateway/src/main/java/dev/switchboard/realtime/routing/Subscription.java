package dev.switchboard.realtime.routing;

import java.util.Set;

/**
 * A stream's view: the user's membership, narrowed by the conversations the client asked for ({@code ?conversation=}).
 * A {@code task.completed} is the user's own and passes any narrowing.
 */
public record Subscription(Membership membership, Set<String> conversations) {

    public Subscription {
        conversations = Set.copyOf(conversations);
    }

    public boolean wants(StreamEvent event) {
        Audience audience = event.audience();
        return membership.reads(audience)
                && (audience.userId() != null || conversations.isEmpty()
                        || conversations.contains(audience.conversationKey()));
    }
}
