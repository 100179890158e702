package dev.switchboard.events;

/** Values of {@link Event#source()}: which door an event came in by (CloudEvents {@code source}). */
public final class EventSources {

    public static final String MESSAGING = "messaging";
    public static final String CONVERSATIONS = "conversations";
    public static final String STATUS = "status";
    public static final String TASK_COMPLETION = "task-completion";
    public static final String CONVERSATION_MANAGER = "conversation-manager";
    /** A message Switchboard sent by SMS/WhatsApp, announced by message-sender once Twilio accepted it. */
    public static final String MESSAGE_SENDER = "message-sender";
    /**
     * What Twilio had but never told Switchboard (a webhook lost or never sent), found by conversation-manager's
     * reconciliation in Twilio's own lists and published as the webhook would have been.
     */
    public static final String RECONCILIATION = "reconciliation";

    private EventSources() {
    }
}
