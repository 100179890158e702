package dev.switchboard.realtime.live;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import dev.switchboard.events.TaskCompletedData;
import dev.switchboard.realtime.live.LivePositions.Admission;
import dev.switchboard.realtime.replay.RecentEvents;
import dev.switchboard.realtime.routing.ParticipantChange;
import dev.switchboard.realtime.routing.StreamEvent;
import dev.switchboard.realtime.routing.StreamEvents;
import dev.switchboard.realtime.routing.SubscriberIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The gateway's Kafka consumers. Each replica reads both topics in a consumer group of its own (a broadcast), so
 * replicas need no coordination. Message events go to the streams that read them (an in-memory lookup) and to the
 * recent-events memory; participant events update the memberships of open streams. {@link LivePositions} decides
 * where each consumer starts, and which records are live, history or already handled.
 */
@ApplicationScoped
public class LiveEvents {

    public static final String MESSAGE_EVENTS = "message-events";
    public static final String TASK_EVENTS = "task-events";

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    private static final String MESSAGE_PREFIX = "message.";
    private static final String PARTICIPANT_ADDED = "conversation.onParticipantAdded";
    private static final String PARTICIPANT_REMOVED = "conversation.onParticipantRemoved";

    private final StreamEvents events;
    private final RecentEvents recent;
    private final SubscriberIndex index;
    private final LivePositions positions;

    LiveEvents(StreamEvents events, RecentEvents recent, SubscriberIndex index, LivePositions positions) {
        this.events = events;
        this.recent = recent;
        this.index = index;
        this.positions = positions;
    }

    /**
     * A whole poll at a time: every event of it is handed to its streams before their event loops write, so a burst
     * reaches each socket in one write (see {@code DeliveryLane}), and the messaging framework's per-record work is
     * paid once per poll. One record that cannot be routed is logged and passed over, never the rest of its poll.
     */
    @Incoming(MESSAGE_EVENTS)
    void onMessageEvents(ConsumerRecords<String, Event<MessageData>> records) {
        for (ConsumerRecord<String, Event<MessageData>> record : records) {
            try {
                onMessageEvent(record);
            } catch (RuntimeException e) {
                LOG.errorf(e, "record at %s-%d@%d not routed", record.topic(), record.partition(), record.offset());
            }
        }
    }

    private void onMessageEvent(ConsumerRecord<String, Event<MessageData>> record) {
        Admission admission = positions.admit(record);
        Event<MessageData> event = record.value();
        if (admission == Admission.SEEN) {
            return;
        }
        if (event == null || event.data() == null) {
            LOG.warnf("unreadable record at %s-%d@%d skipped (conversation-manager dead-letters it)", record.topic(),
                    record.partition(), record.offset());
        } else if (event.type().startsWith(MESSAGE_PREFIX)) {
            route(events.message(event), admission);
        } else if (PARTICIPANT_ADDED.equals(event.type()) || PARTICIPANT_REMOVED.equals(event.type())) {
            ParticipantChange change = participantChange(event);
            if (admission == Admission.LIVE) {
                index.apply(change);
            } else if (!change.added()) {
                index.rememberRemoval(change.participantSid());
            }
        }
    }

    @Incoming(TASK_EVENTS)
    void onTaskEvent(ConsumerRecord<String, Event<TaskCompletedData>> record) {
        Admission admission = positions.admit(record);
        Event<TaskCompletedData> event = record.value();
        if (admission == Admission.SEEN) {
            return;
        }
        if (event == null || event.data() == null) {
            LOG.warnf("unreadable record at %s-%d@%d skipped", record.topic(), record.partition(), record.offset());
        } else {
            route(events.task(event), admission);
        }
    }

    /** History (read before this replica was positioned) only fills the recent memory; streams get it by catch-up. */
    private void route(StreamEvent event, Admission admission) {
        recent.add(event);
        if (admission == Admission.LIVE) {
            index.readersOf(event).forEach(reader -> reader.deliver(event));
        }
    }

    /** Twilio names the participant in its own parameters: {@code Identity} or {@code MessagingBinding.Address}. */
    private static ParticipantChange participantChange(Event<MessageData> event) {
        MessageData data = event.data();
        String participantSid = data.participantSid() != null ? data.participantSid()
                : data.twilioParams().get("ParticipantSid");
        return new ParticipantChange(PARTICIPANT_ADDED.equals(event.type()), data.conversationSid(), participantSid,
                data.twilioParams().get("Identity"), data.twilioParams().get("MessagingBinding.Address"));
    }
}
