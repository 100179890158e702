package dev.switchboard.ingest.twilio;

import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;

/** Turns one verified webhook into the one event it stands for on {@code twilio.message-events}. */
public interface WebhookNormalizer {

    Event<MessageData> normalize(WebhookRequest request);
}
