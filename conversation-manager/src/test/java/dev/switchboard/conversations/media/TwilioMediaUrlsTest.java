package dev.switchboard.conversations.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioMediaUrlsTest {

    private static final List<String> ALLOWED = List.of("api.twilio.com", "media.twiliocdn.com", "*.twilio.com");

    private final TwilioMediaUrls direct = new TwilioMediaUrls(ALLOWED, Optional.empty());

    @ParameterizedTest
    @ValueSource(strings = {
            "http://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
            "https://api.twilio.com:8443/2010-04-01/Media/ME1",
            "https://user:secret@api.twilio.com/Media/ME1",
            "https://api.twilio.com.attacker.example/Media/ME1",
            "https://eviltwilio.com/Media/ME1",
            "https://127.0.0.1/Media/ME1",
            "https://10.0.0.8/Media/ME1",
            "https://[::1]/Media/ME1",
            "https://169.254.169.254/latest/meta-data",
            "file:///etc/passwd",
            "not a url" })
    void urlOutsideTheAllowlistIsRefusedAndNeverRetried(String url) {
        MediaRefusedException refused = assertThrows(MediaRefusedException.class, () -> direct.requestUrl(url));
        assertFalse(refused.retryable());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
            "https://mcs.us1.twilio.com/v1/Services/IS1/Media/ME1/Content",
            "https://media.twiliocdn.com/AC1/abc?Expires=1&Signature=x" })
    void twilioMediaUrlIsRequestedAsItIs(String url) {
        assertEquals(url, direct.requestUrl(url));
    }

    @Test
    void withABaseUrlTheTwilioUrlIsRebasedKeepingPathAndQuery() {
        TwilioMediaUrls rebased = new TwilioMediaUrls(ALLOWED, Optional.of("http://127.0.0.1:8099/"));

        assertEquals("http://127.0.0.1:8099/2010-04-01/Media/ME1?x=1",
                rebased.requestUrl("https://api.twilio.com/2010-04-01/Media/ME1?x=1"));
        assertThrows(MediaRefusedException.class, () -> rebased.requestUrl("http://127.0.0.1:8099/2010-04-01/Media/ME1"));
    }
}
