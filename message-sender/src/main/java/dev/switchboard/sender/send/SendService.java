package dev.switchboard.sender.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sender.outbound.Announcements;
import dev.switchboard.sender.outbound.OutboundLog;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.outbound.Recorded;
import dev.switchboard.sender.twilio.TwilioOutcome;
import dev.switchboard.sender.twilio.TwilioSend;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Record, claim, send, settle. The row is written before Twilio is called; only the caller that claims it calls
 * Twilio, on a worker thread; a repeated request gets the row as it stands. An SMS/WhatsApp send Twilio accepted is
 * then announced as a message ({@link Announcements}).
 */
@ApplicationScoped
public class SendService {

    private final OutboundLog log;
    private final TwilioDelivery delivery;
    private final SendConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Announcements announcements;

    public SendService(OutboundLog log, TwilioDelivery delivery, SendConfig config, Vertx vertx, ObjectMapper json,
            Announcements announcements) {
        this.announcements = announcements;
        this.log = log;
        this.delivery = delivery;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
    }

    /** @param budget how long a send Twilio certainly did not take is retried: who waits for it decides */
    public Uni<Recorded> send(OutboundMessage draft, RetryBudget budget) {
        return log.record(draft)
                .chain(recorded -> sendIfClaimed(recorded.row(), budget)
                        .map(row -> new Recorded(row, recorded.created())));
    }

    /** A row left in requested (its first sender died before claiming it) is sent by whoever repeats the request. */
    private Uni<OutboundMessage> sendIfClaimed(OutboundMessage row, RetryBudget budget) {
        return log.claim(row.id)
                .chain(claimed -> claimed ? deliver(row, budget) : log.find(row.id));
    }

    private Uni<OutboundMessage> deliver(OutboundMessage row, RetryBudget budget) {
        return vertx.executeBlocking(Uni.createFrom().item(
                        () -> delivery.deliver(twilioSend(row), row.templateKind, budget)), false)
                .onFailure().recoverWithItem(failure -> new Delivery(
                        new TwilioOutcome.Ambiguous(null, null, "send failed unexpectedly: " + failure), 1, row.contentSid))
                .chain(result -> log.settle(row.id, result.settled()))
                // the answer does not wait for Kafka: an announcement that fails here is the relay's to publish
                .invoke(settled -> announcements.announce(settled).subscribe().with(done -> { }, failure -> { }));
    }

    private TwilioSend twilioSend(OutboundMessage row) {
        boolean conversation = "conversation".equals(row.channel);
        return new TwilioSend(
                conversation ? TwilioSend.Kind.CONVERSATION_MESSAGE : TwilioSend.Kind.MESSAGE,
                row.toAddress,
                row.fromAddress,
                row.body,
                row.mediaUrls,
                row.contentSid,
                contentVariables(row),
                conversation ? null : config.statusCallbackUrl(),
                row.conversationSid,
                row.author,
                row.attributes,
                row.mediaSid);
    }

    private String contentVariables(OutboundMessage row) {
        try {
            return row.contentVariables == null ? null : json.writeValueAsString(row.contentVariables);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content variables of " + row.id + " are not writable as JSON", e);
        }
    }
}
