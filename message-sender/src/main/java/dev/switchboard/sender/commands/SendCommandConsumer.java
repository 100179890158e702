package dev.switchboard.sender.commands;

import dev.switchboard.events.Event;
import dev.switchboard.events.SendRequestData;
import dev.switchboard.events.Topics;
import dev.switchboard.sender.conversations.ConversationMessageRequest;
import dev.switchboard.sender.messages.MessageRequest;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.outbound.OutboundState;
import dev.switchboard.database.DatabaseOutages;
import dev.switchboard.problem.Violations;
import dev.switchboard.sender.send.IdempotencyKeys;
import dev.switchboard.sender.send.RetryBudget;
import dev.switchboard.sender.send.SendConfig;
import dev.switchboard.sender.send.SendService;
import dev.switchboard.sender.send.Senders;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Send commands from other services (auto-replies). The command id is the idempotency key, so a redelivered or
 * re-produced command is sent once. A command that cannot be sent (invalid, refused by Twilio, ambiguous) is
 * nacked and lands in {@value #DEAD_LETTER_TOPIC} with the reason; the offset is committed once the row is final.
 * One Twilio certainly did not take (429, no connection) stays in flight on {@link RetryBudget#COMMAND}, the long
 * budget: nobody waits on it, and giving it up would lose it.
 */
@ApplicationScoped
public class SendCommandConsumer {

    public static final String CHANNEL = "outbound-messages";
    public static final String DEAD_LETTER_TOPIC = Topics.OUTBOUND_MESSAGES + ".dlq";
    static final String REQUESTER = "kafka:" + Topics.OUTBOUND_MESSAGES;
    /** Sized by {@code smallrye.messaging.worker.send-commands.max-concurrency} (SENDER_MAX_IN_FLIGHT). */
    static final String WORKER_POOL = "send-commands";

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
     * <p>
     * On a pool of their own ({@value #WORKER_POOL}, {@code SENDER_MAX_IN_FLIGHT} threads), never the default worker
     * pool: each command's thread waits here for {@link SendService#send}, whose Twilio call runs on the default
     * pool. Were the commands on that pool too, a backlog would park every one of its threads in this wait, the
     * Twilio calls would queue behind them, and nothing (health probes included) would run again. The pool's size
     * also bounds the commands in flight: the channel takes no more records from Kafka than the pool can run.
     */
    @Incoming(CHANNEL)
    @Blocking(value = WORKER_POOL, ordered = false)
    public void consume(Event<SendRequestData> command) throws Throwable {
        SendRequestData data = command == null ? null : command.data();
        new Violations()
                .check(data != null, "not a send command (unreadable or without data)")
                .check(data == null || (data.commandId() != null && !data.commandId().isBlank()), "commandId is required")
                .throwIfAny();
        OutboundMessage draft = draft(data);
        OutboundMessage row = VertxContextSupport.subscribeAndAwait(() -> DatabaseOutages.waitedOut(
                        Uni.createFrom().deferred(() -> sender.send(draft, RetryBudget.COMMAND)),
                        "sending command " + draft.idempotencyKey))
                .row();
        if (!OutboundState.SENT.value().equals(row.state) && !OutboundState.SENDING.value().equals(row.state)) {
            throw new CommandNotSentException(data.commandId(), row);
        }
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
