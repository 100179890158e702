package dev.switchboard.sender.send;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sender.testing.SendRequests;
import dev.switchboard.testing.StandIn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The SMS number paced at {@value PacedPhoneNumber#RATE} messages per second, as an operator sets
 * {@code SENDER_RATE_PHONE_NUMBER}: its sends reach Twilio spaced by its rate however many arrive at once, a slot
 * another replica reserved holds this one back, and a sender without a rate is not held back by it.
 */
@QuarkusTest
@TestProfile(SenderPacingTest.PacedPhoneNumber.class)
class SenderPacingTest {

    private static final String PHONE_NUMBER = "+15550000100";

    public static class PacedPhoneNumber implements QuarkusTestProfile {

        static final int RATE = 4;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.sender.pacing.phone-number", String.valueOf(RATE));
        }
    }

    @Inject
    Pool pool;

    @Inject
    SenderPacing pacing;

    @Test
    void sendsArrivingTogetherReachTwilioNoFasterThanTheirSendersRate() {
        // The first send of a fresh client opens its connection and loads its classes, a way longer than
        // SENDER_PACING_ARRIVAL_JITTER allows for (about 150 ms here): made before, from the unpaced WhatsApp number.
        SendRequests.whatsapp().accepted().body("state", is("sent"));
        List<SendRequests> requests = IntStream.range(0, 9).mapToObj(i -> SendRequests.sms()).toList();
        ExecutorService callers = Executors.newFixedThreadPool(requests.size());
        try {
            List<CompletableFuture<Void>> calls = requests.stream()
                    .map(request -> CompletableFuture.runAsync(
                            () -> request.accepted().body("state", is("sent")), callers))
                    .toList();
            calls.forEach(CompletableFuture::join);
        } finally {
            callers.shutdownNow();
        }

        List<Instant> arrivals = requests.stream().map(request -> arrival(StandIn.messagesTo(request.to()))).sorted()
                .toList();
        Duration span = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1));
        // 9 sends are 8 gaps of 1/RATE (2 s); one gap of slack for the first send's own way to Twilio
        Duration paced = Duration.ofMillis(1000L * (arrivals.size() - 2) / PacedPhoneNumber.RATE);
        assertTrue(span.compareTo(paced) >= 0, "9 sends at " + PacedPhoneNumber.RATE + "/s reached Twilio within "
                + span.toMillis() + " ms: " + arrivals);
        assertTrue(busiestSecond(arrivals) <= PacedPhoneNumber.RATE, "no second at Twilio holds more than "
                + PacedPhoneNumber.RATE + " of them: " + arrivals);
    }

    @Test
    void aSlotAnotherReplicaReservedHoldsTheNextSendBackAndOnlyFromThatSender() {
        pool.preparedQuery("""
                INSERT INTO sender_pacing (sender, next_slot) VALUES ($1, clock_timestamp() + interval '3 seconds')
                ON CONFLICT (sender) DO UPDATE SET next_slot = clock_timestamp() + interval '3 seconds'""")
                .execute(Tuple.of(PHONE_NUMBER)).await().indefinitely();
        SendRequests sms = SendRequests.sms();
        long start = System.nanoTime();
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> sms.accepted().body("state", is("sent")));

        SendRequests whatsapp = SendRequests.whatsapp();
        whatsapp.accepted().body("state", is("sent"));
        held.join();

        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) >= 0,
                "the SMS waited for the slot after the other replica's");
        assertTrue(arrival(StandIn.messagesTo("whatsapp:" + whatsapp.to()))
                        .isBefore(arrival(StandIn.messagesTo(sms.to()))),
                "the WhatsApp number has no rate: its send did not wait behind the SMS number's");
    }

    @Test
    void onlyTheConfiguredSendersArePacedAndConversationMessagesNever() {
        // (1 s + SENDER_PACING_ARRIVAL_JITTER's 100 ms) / 4 per second
        assertEquals(0.275, pacing.secondsBetweenSends("sms", PHONE_NUMBER).orElseThrow(), 1e-9);
        assertTrue(pacing.secondsBetweenSends("whatsapp", "whatsapp:+15550000200").isEmpty());
        assertTrue(pacing.secondsBetweenSends("conversation", PHONE_NUMBER).isEmpty());
        assertTrue(pacing.secondsBetweenSends("sms", "+15559999999").isEmpty(), "not a configured sender");
    }

    @Test
    void aRateThatIsNotAPositiveNumberStopsTheStartNamingItsVariable() {
        for (String rate : List.of("0", "-1", "Infinity", "NaN")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SenderPacing.require("SENDER_RATE_PHONE_NUMBER", Optional.of(Double.valueOf(rate))));
            assertTrue(refused.getMessage().startsWith("SENDER_RATE_PHONE_NUMBER must be a positive number"),
                    refused.getMessage());
        }
    }

    @Test
    void aNegativeArrivalJitterStopsTheStartNamingItsVariable() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SenderPacing.requireArrivalJitter(Duration.ofMillis(-1)));
        assertTrue(refused.getMessage().startsWith("SENDER_PACING_ARRIVAL_JITTER must not be negative"),
                refused.getMessage());
    }

    /** The most arrivals within any one second [t, t + 1 s), as Twilio counts a sender's rate. */
    private static int busiestSecond(List<Instant> sorted) {
        int busiest = 0;
        for (int first = 0, last = 0; last < sorted.size(); last++) {
            while (!sorted.get(first).plusSeconds(1).isAfter(sorted.get(last))) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    private static Instant arrival(List<Map<String, Object>> requests) {
        assertEquals(1, requests.size(), "one Messages request per send");
        return Instant.parse((String) requests.get(0).get("receivedAt"));
    }
}
