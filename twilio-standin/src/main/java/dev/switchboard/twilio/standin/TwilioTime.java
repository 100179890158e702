package dev.switchboard.twilio.standin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** The v1 APIs' "2015-12-16T22:18:37Z". */
    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
