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
import java.time.Duration;
import java.util.Optional;

/**
 * Record and claim, send, settle. The row is written before Twilio is called; only the caller that claims it calls
 * Twilio, on a worker thread; a repeated request gets the row as it stands. A row still requested (recorded by an
 * earlier version, which claimed in a transaction of its own) is sent by whoever repeats the request. An SMS/WhatsApp
 * send Twilio accepted is then announced as a message ({@link Announcements}).
 */
@ApplicationScoped
public class SendService {

    private final OutboundLog log;
    private final TwilioDelivery delivery;
    private final SendConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final Announcements announcements;
    private final SenderPacing pacing;

    public SendService(OutboundLog log, TwilioDelivery delivery, SendConfig config, Vertx vertx, ObjectMapper json,
            Announcements announcements, SenderPacing pacing) {
        this.announcements = announcements;
        this.pacing = pacing;
        this.log = log;
        this.delivery = delivery;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
    }

    /** @param budget how long a send Twilio certainly did not take is retried: who waits for it decides */
    public Uni<Recorded> send(OutboundMessage draft, RetryBudget budget) {
        Optional<Double> pace = pacing.secondsBetweenSends(draft.channel, draft.fromAddress);
        return log.recordAndClaim(draft, pace)
                .chain(recorded -> recorded.claimed()
                        ? deliver(recorded.row(), recorded.sendWait(), pace, budget)
                                .map(row -> new Recorded(row, recorded.created(), true, recorded.sendWait()))
                        : Uni.createFrom().item(recorded));
    }

    /**
     * @param slotWait until its sender's slot ({@link SenderPacing})
     * @param pace     its sender's pace, kept once more right before the Twilio call
     *                 ({@link SenderPacing#awaitSpacing})
     */
    private Uni<OutboundMessage> deliver(OutboundMessage row, Duration slotWait, Optional<Double> pace,
            RetryBudget budget) {
        Uni<Void> slot = slotWait.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(slotWait);
        return slot.chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                            pacing.awaitSpacing(row.fromAddress, pace);
                            return delivery.deliver(twilioSend(row), row.templateKind, budget);
                        }), false)
                        .onFailure().recoverWithItem(failure -> new Delivery(new TwilioOutcome.Ambiguous(null, null,
                                "send failed unexpectedly: " + failure), 1, row.contentSid)))
                .chain(result -> log.settle(row, result.settled()))
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
