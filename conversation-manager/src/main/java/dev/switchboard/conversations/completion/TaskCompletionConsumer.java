package dev.switchboard.conversations.completion;

import dev.switchboard.database.DatabaseOutages;
import dev.switchboard.events.Event;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumer group {@code task-completion} on {@code twilio.message-events}. The offset is committed after the
 * transaction committed and its outbox records were published; a crash in between replays the message, which the
 * claimed message SID turns into a no-op, while the scheduled relay publishes what was left behind.
 */
@ApplicationScoped
public class TaskCompletionConsumer {

    public static final String CHANNEL = "message-events-completion";

    private final TaskCompletion completion;
    private final OutboxRelay relay;

    public TaskCompletionConsumer(TaskCompletion completion, OutboxRelay relay) {
        this.completion = completion;
        this.relay = relay;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onMessageEvent(Event<MessageData> event) {
        if (event == null || !TaskCompletion.concerns(event)) {
            return Uni.createFrom().voidItem();
        }
        return DatabaseOutages.waitedOut(completion.handle(event.data()), "completing a task")
                .chain(relay::flush);
    }
}
