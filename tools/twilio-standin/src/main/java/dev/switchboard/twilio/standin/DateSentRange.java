package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The {@code DateSent}, {@code DateSent<} and {@code DateSent>} filters of {@code GET .../Messages.json}. The Twilio
 * SDK sends {@code DateSent>} and {@code DateSent<} as query names, so the query reads {@code DateSent>=...}: on or
 * after, on or before. A value is a day ({@code 2026-01-31}, the whole UTC day) or a time
 * ({@code 2026-01-31T10:00:00}, UTC, as the SDK writes it; an offset or {@code Z} may follow). A message not sent
 * yet has no {@code date_sent} and is left out by any of them.
 */
final class DateSentRange {

    /**
     * Parsed {@code date_sent} texts. A list filter reads many stored messages' dates (a first page all of them, and a
     * reconciliation pass, page after page, every message from its window's newest to the store's oldest), on the
     * CPUs the suite shares with the stand-in in benchmark P5; texts have a second's resolution, so few are distinct.
     * Emptied when large.
     */
    private static final Map<String, Instant> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 100_000;

    private DateSentRange() {
    }

    /** Whether a message passes the request's DateSent filters; a date that does not parse is Twilio's 400. */
    static Predicate<JsonNode> of(StandInRequest request) {
        Optional<Bound> on = request.queryParam("DateSent").map(value -> bound("DateSent", value));
        Optional<Bound> after = request.queryParam("DateSent>").map(value -> bound("DateSent>", value));
        Optional<Bound> before = request.queryParam("DateSent<").map(value -> bound("DateSent<", value));
        if (on.isEmpty() && after.isEmpty() && before.isEmpty()) {
            return message -> true;
        }
        return message -> sent(message)
                .filter(sent -> on.map(bound -> !sent.isBefore(bound.from) && sent.isBefore(bound.until)).orElse(true))
                .filter(sent -> after.map(bound -> !sent.isBefore(bound.from)).orElse(true))
                .filter(sent -> before.map(bound -> sent.isBefore(bound.until)).orElse(true))
                .isPresent();
    }

    /** A day or a second, as the instants it covers: from (inclusive) until (exclusive). */
    private record Bound(Instant from, Instant until) {
    }

    private static Bound bound(String name, String value) {
        try {
            if (value.length() == 10) {
                Instant day = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                return new Bound(day, day.plus(1, ChronoUnit.DAYS));
            }
            Instant second = instant(value).truncatedTo(ChronoUnit.SECONDS);
            return new Bound(second, second.plusSeconds(1));
        } catch (DateTimeParseException e) {
            throw new TwilioException(400, 20001, "Invalid " + name + ": " + value);
        }
    }

    private static Instant instant(String value) {
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException withOffset) {
            return OffsetDateTime.parse(value).toInstant();
        }
    }

    private static Optional<Instant> sent(JsonNode message) {
        JsonNode dateSent = message.path("date_sent");
        if (!dateSent.isTextual()) {
            return Optional.empty();
        }
        if (PARSED.size() > PARSED_MAX) {
            PARSED.clear();
        }
        return Optional.of(PARSED.computeIfAbsent(dateSent.asText(), TwilioTime::parseRfc2822));
    }
}
