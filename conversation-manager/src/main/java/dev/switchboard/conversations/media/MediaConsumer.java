package dev.switchboard.conversations.media;

import dev.switchboard.events.Event;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumer group {@code media} on {@code twilio.message-events}: downloads run here, off the persistence consumer's
 * batch path, so a slow Twilio never holds up storing messages. Whatever this consumer misses (a crash, the row not
 * stored yet) {@link MediaRetryJob} picks up from the rows' media_status.
 */
@ApplicationScoped
public class MediaConsumer {

    public static final String CHANNEL = "message-events-media";

    private final MediaArchiver archiver;

    public MediaConsumer(MediaArchiver archiver) {
        this.archiver = archiver;
    }

    @Incoming(CHANNEL)
    public Uni<Void> keepMedia(Event<MessageData> event) {
        if (event == null || !EventTypes.MESSAGE_ADDED.equals(event.type()) || event.data() == null
                || event.data().messageSid() == null || event.data().media().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        MessageData data = event.data();
        String chatService = data.twilioParams().get("ChatServiceSid");
        return archiver.archive(data.messageSid(), data.media().stream()
                .map(item -> MediaArchiver.MediaSource.of(item.sid(), item.url(), chatService))
                .toList());
    }
}
