package dev.switchboard.events;

/** Values of {@link Event#type()}. Conversations and participant events keep Twilio's name, e.g. {@code conversation.onConversationAdded}. */
public final class EventTypes {

    public static final String MESSAGE_ADDED = "message.added";
    public static final String MESSAGE_UPDATED = "message.updated";
    public static final String MESSAGE_REMOVED = "message.removed";
    public static final String MESSAGE_STATUS = "message.status";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String MESSAGE_SEND_REQUESTED = "message.send-requested";

    private EventTypes() {
    }
}
