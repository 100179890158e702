package dev.switchboard.sender.commands;

import dev.switchboard.events.Event;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.sender.conversations.ConversationMessageRequest;
import dev.switchboard.sender.messages.MessageRequest;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.outbound.OutboundState;
import dev.switchboard.sender.outbound.Recorded;
import dev.switchboard.problem.Violations;
import dev.switchboard.sender.send.IdempotencyKeys;
import dev.switchboard.sender.send.SendConfig;
import dev.switchboard.sender.send.SendService;
import dev.switchboard.sender.send.Senders;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Send commands from other services (auto-replies). The command id is the idempotency key, so a redelivered or
 * re-produced command is sent once. A command that cannot be sent (invalid, refused by Twilio, ambiguous) is
 * nacked and lands in {@value #DEAD_LETTER_TOPIC} with the reason; the offset is committed once the row is final.
 */
@ApplicationScoped
public class SendCommandConsumer {

    public static final String CHANNEL = "outbound-messages";
    public static final String DEAD_LETTER_TOPIC = Topics.OUTBOUND_MESSAGES + ".dlq";
    static final String REQUESTER = "kafka:" + Topics.OUTBOUND_MESSAGES;

    private static final Logger LOG = Logger.getLogger(SendCommandConsumer.class);

    private final SendService sender;
    private final Senders senders;
    private final SendConfig config;

    public SendCommandConsumer(SendService sender, Senders senders, SendConfig config) {
        this.sender = sender;
        this.senders = senders;
        this.config = config;
    }

    /**
     * Unordered on worker threads: one slow Twilio call does not hold back the commands behind it. Commands carry
     * no conversation ordering worth a wait: each is a separate message.
     */
    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public void consume(Event<SendRequestData> command) throws Throwable {
        SendRequestData data = command == null ? null : command.data();
        new Violations()
                .check(data != null, "not a send command (unreadable or without data)")
                .check(data == null || (data.commandId() != null && !data.commandId().isBlank()), "commandId is required")
                .throwIfAny();
        OutboundMessage draft = draft(data);
        OutboundMessage row = VertxContextSupport.subscribeAndAwait(() -> sendThroughOutages(draft))
                .row();
        if (!OutboundState.SENT.value().equals(row.state) && !OutboundState.SENDING.value().equals(row.state)) {
            throw new CommandNotSentException(data.commandId(), row);
        }
    }

    /**
     * A lost database connection is not the command's fault: dead-lettering would lose the message, so the command
     * waits for the database (sending again is safe: the log dedups on the command id). Only a statement the row
     * itself breaks (SQLSTATE class 22 data, 23 integrity) fails through to the dead-letter topic.
     */
    private Uni<Recorded> sendThroughOutages(OutboundMessage draft) {
        return Uni.createFrom().deferred(() -> sender.send(draft))
                .onFailure(SendCommandConsumer::isOutage)
                .invoke(failure -> LOG.warnf("sending command %s failed, retrying until the database answers: %s",
                        draft.idempotencyKey, failure))
                .onFailure(SendCommandConsumer::isOutage)
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return false;
            }
        }
        return true;
    }

    private OutboundMessage draft(SendRequestData data) {
        String key = IdempotencyKeys.ofCommand(data.commandId());
        if ("conversation".equals(data.channel())) {
            return new ConversationMessageRequest(data.author(), data.body(), null, null)
                    .validated(data.conversationSid())
                    .draft(data.conversationSid(), data.author(), key, REQUESTER);
        }
        MessageRequest request = new MessageRequest(data.to(), data.body(), data.mediaUrls(), data.channel(),
                data.contentSid(), data.contentVariables(), config.commandTemplateKind())
                .validated();
        return request.draft(key, senders.from(request.channel()), REQUESTER);
    }
}
