package dev.switchboard.sender.send;

import dev.switchboard.problem.ProblemException;
import dev.switchboard.twilio.TwilioConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Who a message is sent from. A configured Messaging Service wins (Twilio picks the sender from its pool, which
 * scales past one number's throughput); otherwise the channel's own number, WhatsApp's with its prefix.
 */
@ApplicationScoped
public class Senders {

    public static final String WHATSAPP_PREFIX = "whatsapp:";

    private final TwilioConfig twilio;

    public Senders(TwilioConfig twilio) {
        this.twilio = twilio;
    }

    /** @throws ProblemException 503 when nothing is configured to send on {@code channel} */
    public String from(String channel) {
        return twilio.messagingServiceSid()
                .or(() -> number(channel))
                .orElseThrow(() -> new ProblemException(503, "no-sender", "No sender configured",
                        "Set TWILIO_MESSAGING_SERVICE_SID or the " + channel + " number (TWILIO_PHONE_NUMBER / "
                                + "TWILIO_WHATSAPP_NUMBER)."));
    }

    private Optional<String> number(String channel) {
        return "whatsapp".equals(channel)
                ? twilio.whatsappNumber().map(number -> WHATSAPP_PREFIX + number)
                : twilio.phoneNumber();
    }
}
