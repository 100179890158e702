package dev.switchboard.conversations.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.rest.conversations.v1.service.conversation.Participant;
import dev.switchboard.conversations.reconciliation.ReconciliationReport.Healed;
import dev.switchboard.conversations.reconciliation.StoredState.Received;
import dev.switchboard.conversations.reconciliation.StoredState.Stored;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.twilio.TwilioConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * One reconciliation pass over a window: reads Twilio's lists ({@link TwilioLists}), compares each page with what
 * Switchboard stored ({@link StoredState}), and publishes, for each resource Switchboard lacks or holds in an older
 * status, the event its lost webhook would have carried ({@link ReconciledEvents}). Those events take the normal path,
 * so each consumer applies them exactly once as it applies webhooks; a fact published twice has one event id.
 *
 * <p>First the gig conversations (their participants, then their messages, newest first, back to the window's start),
 * then the account's Messaging messages sent in the window to or from Switchboard's numbers or Messaging Service:
 * received texts not stored (except those Twilio put into a conversation), and sent messages whose status is behind
 * Twilio's. One pass at a time across replicas ({@link ReconciliationLease}). Blocking: run it on a worker thread.
 */
@ApplicationScoped
public class Reconciler {

    /** The kinds of what a pass heals: the {@code kind} tag of {@code switchboard_reconciled_total}. */
    public static final List<String> KINDS = List.of("message", "status", "conversation_message", "participant_added",
            "participant_removed");
    /** Healed resources listed one by one in a report; the counts cover all. */
    static final int MAX_ITEMS = 1_000;

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    private final TwilioLists twilio;
    private final StoredState stored;
    private final ReconciliationLease lease;
    private final ReconciledEventPublisher publisher;
    private final ReconciliationConfig config;
    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final Set<String> ownAddresses;
    private final String messagingServiceSid;

    public Reconciler(TwilioLists twilio, StoredState stored, ReconciliationLease lease,
            ReconciledEventPublisher publisher, ReconciliationConfig config, TwilioConfig twilioConfig,
            MeterRegistry registry, ObjectMapper json) {
        this.twilio = twilio;
        this.stored = stored;
        this.lease = lease;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
        this.json = json;
        this.ownAddresses = Stream.of(twilioConfig.phoneNumber(), twilioConfig.whatsappNumber())
                .flatMap(java.util.Optional::stream).filter(number -> !number.isBlank())
                .collect(Collectors.toUnmodifiableSet());
        this.messagingServiceSid = twilioConfig.messagingServiceSid().filter(sid -> !sid.isBlank()).orElse(null);
        KINDS.forEach(kind -> registry.counter("switchboard.reconciled", "kind", kind));
    }

    /**
     * Reconciles what Twilio recorded from {@code since} to {@code until}.
     *
     * @throws LeaseHeld when another replica's pass is running
     */
    public ReconciliationReport pass(Instant since, Instant until) {
        if (!await(lease.take(config.leaseTtl()))) {
            throw new LeaseHeld();
        }
        Pass pass = new Pass(since, until);
        String outcome = null;
        try {
            for (String conversationSid : await(stored.conversations(since))) {
                try {
                    conversation(pass, conversationSid);
                } catch (ApiException e) {
                    if (e.getStatusCode() == null || e.getStatusCode() != 404) {
                        throw e;
                    }
                    // Deleted at Twilio (or never made there): nothing of it can be read, nothing of it missed.
                    LOG.warnf("reconciliation: Twilio does not know conversation %s (404); skipped", conversationSid);
                }
            }
            twilio.messages(since, until, page -> messagingPage(pass, page));
            ReconciliationReport report = pass.report();
            outcome = write(report);
            LOG.infof("reconciliation %s .. %s: read %s, healed %s", since, until, report.read(), report.healed());
            return report;
        } finally {
            await(lease.free(outcome));
        }
    }

    private void conversation(Pass pass, String conversationSid) {
        renewLease();
        pass.read("conversations", 1);
        List<Participant> listed = twilio.participants(conversationSid);
        pass.read("participants", listed.size());
        List<StoredState.Participant> current = await(stored.participants(conversationSid));
        Set<String> currentSids = current.stream().map(StoredState.Participant::participantSid)
                .collect(Collectors.toSet());
        Set<String> listedSids = listed.stream().map(Participant::getSid).collect(Collectors.toSet());
        List<Healing> events = new ArrayList<>();
        for (Participant participant : listed) {
            if (!currentSids.contains(participant.getSid()) && !isAfter(participant.getDateCreated(), pass.until)) {
                events.add(pass.healed("participant_added", participant.getSid(), conversationSid,
                        ReconciledEvents.participantAdded(participant),
                        Objects.requireNonNullElse(participant.getIdentity(), "an SMS/WhatsApp participant")));
            }
        }
        for (StoredState.Participant gone : current) {
            if (!listedSids.contains(gone.participantSid()) && !gone.addedAt().isAfter(pass.until)) {
                events.add(pass.healed("participant_removed", gone.participantSid(), conversationSid,
                        ReconciledEvents.participantRemoved(twilio.accountSid(), twilio.serviceSid(), gone),
                        "no longer listed by Twilio"));
            }
        }
        publish(pass, events);
        twilio.conversationMessages(conversationSid, page -> conversationPage(pass, conversationSid, page));
    }

    /** Newest first: the walk ends at the first message older than the window. */
    private boolean conversationPage(Pass pass, String conversationSid,
            List<com.twilio.rest.conversations.v1.service.conversation.Message> page) {
        renewLease();
        pass.read("conversation_messages", page.size());
        var inWindow = page.stream()
                .filter(message -> !isBefore(message.getDateCreated(), pass.since)
                        && !isAfter(message.getDateCreated(), pass.until))
                .toList();
        if (!inWindow.isEmpty()) {
            Map<String, Stored> known = await(stored.messages(
                    inWindow.stream().map(m -> m.getSid()).toList(),
                    Collections.nCopies(inWindow.size(), (String) null)));
            List<Healing> events = new ArrayList<>();
            for (var message : inWindow) {
                if (!known.get(message.getSid()).stored()) {
                    events.add(pass.healed("conversation_message", message.getSid(), conversationSid,
                            ReconciledEvents.conversationMessage(message), "#" + message.getIndex() + " by "
                                    + message.getAuthor()));
                }
            }
            publish(pass, reversed(events));
        }
        return page.stream().noneMatch(message -> isBefore(message.getDateCreated(), pass.since));
    }

    private boolean messagingPage(Pass pass, List<Message> page) {
        renewLease();
        pass.read("messages", page.size());
        List<Message> ours = page.stream().filter(this::concernsSwitchboard).toList();
        if (ours.isEmpty()) {
            return true;
        }
        Map<String, Stored> known = await(stored.messages(ours.stream().map(Message::getSid).toList(),
                ours.stream().map(message -> String.valueOf(message.getStatus())).toList()));
        List<Message> missing = ours.stream()
                .filter(message -> message.getDirection() == Message.Direction.INBOUND
                        && message.getStatus() == Message.Status.RECEIVED && message.getDateSent() != null
                        && !known.get(message.getSid()).stored())
                .toList();
        Set<String> routed = await(stored.routedToConversations(missing.stream()
                .map(message -> new Received(message.getSid(), String.valueOf(message.getFrom()), message.getTo(),
                        message.getDateSent().toInstant()))
                .toList()));
        List<Healing> events = new ArrayList<>();
        for (Message message : missing) {
            if (!routed.contains(message.getSid())) {
                List<Media> media = numMedia(message) > 0 ? twilio.media(message.getSid()) : List.of();
                events.add(pass.healed("message", message.getSid(), null, ReconciledEvents.received(message, media),
                        "from " + message.getFrom() + (media.isEmpty() ? "" : " with " + media.size() + " media")));
            }
        }
        for (Message message : ours) {
            Stored mine = known.get(message.getSid());
            if (message.getDirection() != Message.Direction.INBOUND && mine.stored() && mine.behind()) {
                events.add(pass.healed("status", message.getSid(), null, ReconciledEvents.status(message),
                        mine.direction() + " " + message.getStatus()));
            }
        }
        // Twilio lists newest first; consumers see each conversation's events oldest first, as webhooks came.
        publish(pass, reversed(events));
        return true;
    }

    /** To or from one of Switchboard's numbers, or through its Messaging Service; every message when none is set. */
    private boolean concernsSwitchboard(Message message) {
        if (ownAddresses.isEmpty() && messagingServiceSid == null) {
            return true;
        }
        return ownAddresses.contains(bare(String.valueOf(message.getFrom()))) || ownAddresses.contains(bare(message.getTo()))
                || (messagingServiceSid != null && messagingServiceSid.equals(message.getMessagingServiceSid()));
    }

    /** Publishes in order and waits for Kafka's acks; only then is each counted and logged as healed. */
    private void publish(Pass pass, List<Healing> healings) {
        if (!healings.isEmpty()) {
            Uni.join().all(healings.stream().map(healing -> publisher.publish(healing.event())).toList())
                    .andFailFast().await().atMost(KAFKA_TIMEOUT);
            healings.forEach(pass::count);
        }
    }

    private void renewLease() {
        if (!await(lease.take(config.leaseTtl()))) {
            throw new IllegalStateException("the reconciliation lease expired and another replica took it; this pass"
                    + " stops, the other goes on");
        }
    }

    private String write(ReconciliationReport report) {
        try {
            return json.writeValueAsString(Map.of("since", report.since().toString(), "until",
                    report.until().toString(), "ended_at", report.endedAt().toString(), "read", report.read(),
                    "healed", report.healed()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static int numMedia(Message message) {
        try {
            return message.getNumMedia() == null ? 0 : Integer.parseInt(message.getNumMedia());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String bare(String address) {
        return address != null && address.startsWith("whatsapp:") ? address.substring("whatsapp:".length()) : address;
    }

    private static boolean isBefore(java.time.ZonedDateTime time, Instant instant) {
        return time != null && time.toInstant().isBefore(instant);
    }

    private static boolean isAfter(java.time.ZonedDateTime time, Instant instant) {
        return time != null && time.toInstant().isAfter(instant);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(DATABASE_TIMEOUT);
    }

    /** One pass's tallies; publishing is counted and logged as each event is chosen. */
    private final class Pass {

        private final Instant since;
        private final Instant until;
        private final Instant startedAt = Instant.now();
        private final Map<String, Long> read = new LinkedHashMap<>();
        private final Map<String, Long> healed = new LinkedHashMap<>();
        private final List<Healed> items = new ArrayList<>();

        Pass(Instant since, Instant until) {
            this.since = since;
            this.until = until;
            KINDS.forEach(kind -> healed.put(kind, 0L));
        }

        void read(String list, long count) {
            read.merge(list, count, Long::sum);
        }

        Healing healed(String kind, String sid, String conversationSid, Event<MessageData> event, String detail) {
            return new Healing(new Healed(kind, sid, conversationSid, event.type(), detail), event);
        }

        void count(Healing healing) {
            Healed item = healing.item();
            healed.merge(item.kind(), 1L, Long::sum);
            registry.counter("switchboard.reconciled", "kind", item.kind()).increment();
            if (items.size() < MAX_ITEMS) {
                items.add(item);
            }
            LOG.infof("reconciled %s %s%s (%s): published %s %s", item.kind(), item.sid(),
                    item.conversationSid() == null ? "" : " in " + item.conversationSid(), item.detail(),
                    item.event(), healing.event().id());
        }

        ReconciliationReport report() {
            return new ReconciliationReport(since, until, startedAt, Instant.now(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(read)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(healed)), List.copyOf(items));
        }
    }

    /** A resource found missing or behind, and the event that heals it. */
    private record Healing(Healed item, Event<MessageData> event) {
    }

    /** Another replica is reconciling now. */
    public static final class LeaseHeld extends RuntimeException {
        LeaseHeld() {
            super("another conversation-manager replica is reconciling now");
        }
    }
}
