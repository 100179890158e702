package dev.switchboard.realtime.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who listens to what, in memory: routing an event costs a few map lookups, never a database query. Keys: user id
 * (task events), E.164 number (SMS/WhatsApp), Conversation SID (current participants), and chat identity and number
 * again to find whom a participant change concerns.
 */
@ApplicationScoped
public class SubscriberIndex {

    private final Map<Long, Set<Subscriber>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byNumber = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byIdentity = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byConversation = new ConcurrentHashMap<>();
    private final RemovedParticipants removed = new RemovedParticipants();

    /** Indexes the user's number and identity; conversations follow through {@link #join}. */
    public void register(Subscriber subscriber) {
        Membership membership = subscriber.subscription().membership();
        add(byUser, membership.userId(), subscriber);
        add(byNumber, membership.phoneNumber(), subscriber);
        add(byIdentity, membership.chatIdentity(), subscriber);
    }

    public void unregister(Subscriber subscriber) {
        Membership membership = subscriber.subscription().membership();
        remove(byUser, membership.userId(), subscriber);
        remove(byNumber, membership.phoneNumber(), subscriber);
        remove(byIdentity, membership.chatIdentity(), subscriber);
        membership.conversations().forEach(sid -> remove(byConversation, sid, subscriber));
    }

    /** Twilio never reuses a participant SID: once removed, a late or repeated add of it admits no one. */
    public void join(Subscriber subscriber, String conversationSid, String participantSid) {
        if (!removed.contains(participantSid)
                && subscriber.subscription().membership().join(conversationSid, participantSid)) {
            add(byConversation, conversationSid, subscriber);
        }
    }

    /**
     * Remembers a removal seen before this replica was live (it can only take rights away, so history is safe to
     * apply), so that a late add of the same participant SID arriving live is ignored.
     */
    public void rememberRemoval(String participantSid) {
        removed.add(participantSid);
    }

    /** Applies a participant change to the open streams of the user it concerns. */
    public void apply(ParticipantChange change) {
        if (!change.added()) {
            removed.add(change.participantSid());
        }
        Set<Subscriber> concerned = new HashSet<>(lookup(byIdentity, change.identity()));
        concerned.addAll(lookup(byNumber, Audience.e164(change.address())));
        for (Subscriber subscriber : concerned) {
            if (change.added()) {
                join(subscriber, change.conversationSid(), change.participantSid());
            } else if (subscriber.subscription().membership().leave(change.conversationSid(), change.participantSid())) {
                remove(byConversation, change.conversationSid(), subscriber);
            }
        }
    }

    /** The open streams that want this event. */
    public Set<Subscriber> readersOf(StreamEvent event) {
        Audience audience = event.audience();
        Set<Subscriber> candidates = new HashSet<>(lookup(byUser, audience.userId()));
        candidates.addAll(lookup(byConversation, audience.conversationSid()));
        audience.numbers().forEach(number -> candidates.addAll(lookup(byNumber, number)));
        candidates.removeIf(subscriber -> !subscriber.subscription().wants(event));
        return candidates;
    }

    public Set<Subscriber> all() {
        Set<Subscriber> all = new HashSet<>();
        byUser.values().forEach(all::addAll);
        return all;
    }

    private static <K> Collection<Subscriber> lookup(Map<K, Set<Subscriber>> index, K key) {
        return key == null ? Set.of() : index.getOrDefault(key, Set.of());
    }

    private static <K> void add(Map<K, Set<Subscriber>> index, K key, Subscriber subscriber) {
        if (key != null) {
            index.compute(key, (k, set) -> {
                Set<Subscriber> next = set == null ? ConcurrentHashMap.newKeySet() : set;
                next.add(subscriber);
                return next;
            });
        }
    }

    private static <K> void remove(Map<K, Set<Subscriber>> index, K key, Subscriber subscriber) {
        if (key != null) {
            index.computeIfPresent(key, (k, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
