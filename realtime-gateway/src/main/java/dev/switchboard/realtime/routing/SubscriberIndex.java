package dev.switchboard.realtime.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Who listens to what, in memory: routing an event costs a few map lookups, never a database query. Keys: user id
 * (task events), E.164 number (SMS/WhatsApp), Conversation SID (current participants), and chat identity and number
 * again to find whom a participant change concerns. Each key's readers are an immutable list, replaced whole when a
 * stream opens or closes: events read the index all the time and change it rarely, and a user's one stream then costs
 * a 24-byte list where a concurrent set cost about 200 bytes (docs/benchmarks.md, P4).
 */
@ApplicationScoped
public class SubscriberIndex {

    private final Map<Long, List<Subscriber>> byUser = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber>> byNumber = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber>> byIdentity = new ConcurrentHashMap<>();
    private final Map<String, List<Subscriber>> byConversation = new ConcurrentHashMap<>();
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

    private static <K> Collection<Subscriber> lookup(Map<K, List<Subscriber>> index, K key) {
        return key == null ? List.of() : index.getOrDefault(key, List.of());
    }

    private static <K> void add(Map<K, List<Subscriber>> index, K key, Subscriber subscriber) {
        if (key != null) {
            index.merge(key, List.of(subscriber),
                    (readers, added) -> Stream.concat(readers.stream(), added.stream()).toList());
        }
    }

    private static <K> void remove(Map<K, List<Subscriber>> index, K key, Subscriber subscriber) {
        if (key != null) {
            index.computeIfPresent(key, (k, readers) -> {
                List<Subscriber> rest = readers.stream().filter(reader -> reader != subscriber).toList();
                return rest.isEmpty() ? null : rest;
            });
        }
    }
}
