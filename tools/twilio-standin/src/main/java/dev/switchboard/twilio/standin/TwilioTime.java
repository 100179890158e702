package dev.switchboard.twilio.standin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The two date formats Twilio answers with. */
final class TwilioTime {

    /** The 2010 API's "Thu, 24 Aug 2023 05:01:45 +0000". */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private TwilioTime() {
    }

    static String rfc2822(Instant instant) {
        return RFC_2822.format(instant);
    }

    static Instant parseRfc2822(String date) {
        return RFC_2822.parse(date, Instant::from);
    }

    /** Conversations webhooks' "2015-12-16T22:18:37.000Z". */
    private static final DateTimeFormatter WEBHOOK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    /** A stored v1 date as Conversations webhooks write it, with milliseconds; anything unparsable as it is. */
    static String webhook(String isoDate) {
        try {
            return WEBHOOK.format(Instant.parse(isoDate));
        } catch (DateTimeParseException notIso) {
            return isoDate;
        }
    }

    /** The v1 APIs' "2015-12-16T22:18:37Z". */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
