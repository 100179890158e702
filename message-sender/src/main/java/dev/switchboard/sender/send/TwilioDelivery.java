package dev.switchboard.sender.send;

import dev.switchboard.twilio.TwilioConfig;
import dev.switchboard.sender.twilio.TwilioGateway;
import dev.switchboard.sender.twilio.TwilioOutcome;
import dev.switchboard.sender.twilio.TwilioSend;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Blocking: one send to Twilio with its retries and the WhatsApp template fallback. Run it on a worker thread. */
@ApplicationScoped
public class TwilioDelivery {

    /** Twilio's "outside the allowed window" refusal of a free-form WhatsApp message. */
    static final int OUTSIDE_WHATSAPP_WINDOW = 63016;

    private final TwilioGateway gateway;
    private final RetryPolicy policy;
    private final TwilioConfig twilio;

    public TwilioDelivery(TwilioGateway gateway, SendConfig config, TwilioConfig twilio) {
        this.gateway = gateway;
        this.policy = new RetryPolicy(config.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.twilio = twilio;
    }

    /** @param templateKind picks the template of {@code twilio.whatsapp-templates} used after a 63016 refusal */
    public Delivery deliver(TwilioSend send, String templateKind, RetryBudget budget) {
        Delivery first = withRetries(send, budget);
        return template(first, send, templateKind)
                .map(templateSid -> withRetries(send.asTemplate(templateSid), budget).after(first))
                .orElse(first);
    }

    private Optional<String> template(Delivery first, TwilioSend send, String templateKind) {
        boolean outsideWindow = first.outcome() instanceof TwilioOutcome.Rejected rejected
                && Integer.valueOf(OUTSIDE_WHATSAPP_WINDOW).equals(rejected.code());
        return Optional.ofNullable(templateKind)
                .filter(kind -> outsideWindow && send.to().startsWith("whatsapp:"))
                .map(kind -> twilio.whatsappTemplates().get(kind))
                .filter(templateSid -> !templateSid.equals(send.contentSid()));
    }

    private Delivery withRetries(TwilioSend send, RetryBudget budget) {
        long start = System.nanoTime();
        for (int attempts = 1; ; attempts++) {
            TwilioOutcome outcome = gateway.send(send);
            Optional<Duration> wait = policy.delayAfter(budget, attempts, outcome,
                    Duration.ofNanos(System.nanoTime() - start));
            if (wait.isEmpty()) {
                return new Delivery(outcome, attempts, send.contentSid());
            }
            sleep(wait.get());
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a Twilio send", e);
        }
    }
}
