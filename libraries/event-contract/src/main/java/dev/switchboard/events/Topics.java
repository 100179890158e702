package dev.switchboard.events;

/** Kafka topic names shared by producers, consumers and tests. */
public final class Topics {

    /** Everything Twilio told us about messages, conversations and participants. Keyed by {@link ConversationKey}. */
    public static final String MESSAGE_EVENTS = "twilio.message-events";

    /** Events of {@link #MESSAGE_EVENTS} that a consumer could not process, with the reason in the record headers. */
    public static final String MESSAGE_EVENTS_DLQ = MESSAGE_EVENTS + ".dlq";

    /** Task lifecycle events ({@code task.completed}), keyed by user id. */
    public static final String TASK_EVENTS = "task-events";

    /** Commands to send a message through Twilio, keyed by command id. */
    public static final String OUTBOUND_MESSAGES = "outbound-messages";

    private Topics() {
    }
}
