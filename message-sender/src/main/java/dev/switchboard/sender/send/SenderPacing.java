package dev.switchboard.sender.send;

import dev.switchboard.twilio.TwilioConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twilio sends each sender's messages at a fixed rate (messages per second: about 1 for a US long code, 3 toll-free,
 * 100 a short code, 80 a WhatsApp sender; a Messaging Service the sum of its numbers') and queues the excess, up to a
 * limit past which it fails them (30001, queue overflow). A paced sender ({@link SendConfig.Pacing}) gets its sends
 * spaced (1 s + {@code SENDER_PACING_ARRIVAL_JITTER}) / rate apart, whatever the backlog: the statement that claims a
 * send also reserves its sender's next free slot in {@code sender_pacing}
 * ({@link dev.switchboard.sender.outbound.OutboundLog#recordAndClaim}), and the send goes to Twilio no earlier. The
 * slots live in PostgreSQL, so replicas share one sender's rate rather than each sending at it; the database's clock
 * decides, so replicas' clocks do not matter; and a claim never exists without its slot.
 * <p>
 * Why not 1/rate: Twilio counts by arrival, and the way from a send's start to Twilio varies. The sends arriving within
 * any one second started within that second and the jitter before it; spaced (1 s + jitter) / rate apart, no more than
 * the rate of them fit there. Spaced 1/rate, benchmark P7 saw 51–54 arrivals in a second from a sender paced at 50/s.
 */
@ApplicationScoped
public class SenderPacing {

    private final SendConfig.Pacing pacing;
    /** Per paced sender, the earliest {@link System#nanoTime} this replica may start its next send from it. */
    private final Map<String, AtomicLong> nextStart = new ConcurrentHashMap<>();
    private final TwilioConfig twilio;

    public SenderPacing(SendConfig config, TwilioConfig twilio) {
        this.pacing = config.pacing();
        this.twilio = twilio;
    }

    /** A rate that is not a positive number would pace nothing or everything: the replica does not start. */
    void check(@Observes StartupEvent startup) {
        require("SENDER_RATE_PHONE_NUMBER", pacing.phoneNumber());
        require("SENDER_RATE_WHATSAPP_NUMBER", pacing.whatsappNumber());
        require("SENDER_RATE_MESSAGING_SERVICE", pacing.messagingService());
        requireArrivalJitter(pacing.arrivalJitter());
    }

    static void requireArrivalJitter(Duration jitter) {
        if (jitter.isNegative()) {
            throw new IllegalStateException("SENDER_PACING_ARRIVAL_JITTER must not be negative, not " + jitter);
        }
    }

    static void require(String variable, Optional<Double> rate) {
        if (rate.filter(value -> !(value > 0) || value.isInfinite()).isPresent()) {
            throw new IllegalStateException(variable + " must be a positive number of messages per second, not "
                    + rate.get());
        }
    }

    /**
     * Blocking, on the thread about to call Twilio, after the send's slot came: holds it until at least one spacing
     * after this replica's previous send from the same sender. The slots are spaced exactly, but the way from a slot
     * to Twilio (timer, worker pool, HTTP client) is not: without this, sends delayed on that way bunch up behind one
     * another, and benchmark P7 saw 56 sends within one second from a sender paced at 50/s.
     */
    public void awaitSpacing(String from, Optional<Double> secondsBetweenSends) {
        if (secondsBetweenSends.isEmpty()) {
            return;
        }
        long spacing = (long) (secondsBetweenSends.get() * 1e9);
        AtomicLong next = nextStart.computeIfAbsent(from, sender -> new AtomicLong(System.nanoTime()));
        long now = System.nanoTime();
        long previous = next.getAndAccumulate(now, (earliest, at) -> Math.max(earliest - at, 0) + at + spacing);
        long wait = Math.max(previous - now, 0);
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the pace of " + from, e);
            }
        }
    }

    /**
     * The pace of a send: seconds between two sends from its sender (as {@link Senders} picked it), (1 s + the arrival
     * jitter) / rate; none when that sender is not paced, or the send is a Conversations message, which has no sender
     * number.
     */
    public Optional<Double> secondsBetweenSends(String channel, String from) {
        double window = 1.0 + pacing.arrivalJitter().toNanos() / 1e9;
        return "conversation".equals(channel) ? Optional.empty() : rate(from).map(rate -> window / rate);
    }

    private Optional<Double> rate(String from) {
        if (from == null) {
            return Optional.empty();
        }
        if (twilio.messagingServiceSid().filter(from::equals).isPresent()) {
            return pacing.messagingService();
        }
        if (twilio.whatsappNumber().map(number -> Senders.WHATSAPP_PREFIX + number).filter(from::equals).isPresent()) {
            return pacing.whatsappNumber();
        }
        return twilio.phoneNumber().filter(from::equals).isPresent() ? pacing.phoneNumber() : Optional.empty();
    }
}
