package dev.switchboard.ingest.twilio;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forwarded headers are trusted, but only from proxies this test's client (on loopback) is not: whoever reaches the
 * service directly cannot choose the URL a signature is checked against.
 */
@QuarkusTest
@TestProfile(ForwardedFromUntrustedPeerTest.ProxiesElsewhere.class)
class ForwardedFromUntrustedPeerTest {

    public static class ProxiesElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SWITCHBOARD_TRUST_FORWARDED_HEADERS", "true",
                    "SWITCHBOARD_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.0.0/16, fd00::/8");
        }
    }

    static final String PROXY_BASE = "https://hooks.example.com";

    /** What an ingress controller in front of the service adds. */
    static TwilioWebhook forwardedByProxy(TwilioWebhook webhook) {
        return webhook.withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "hooks.example.com")
                .withHeader("X-Forwarded-Port", "443")
                .withHeader("X-Forwarded-For", "10.0.0.7");
    }

    @Test
    void webhookSignedForTheForwardedUrlFromAPeerThatIsNoTrustedProxyIsRefused() {
        TwilioWebhook webhook = forwardedByProxy(TwilioWebhook.sms("replayed from elsewhere")).signedForBase(PROXY_BASE);

        webhook.post()
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("reason", equalTo("bad-signature"));

        webhook.assertNoEvent();
    }

    @Test
    void forwardedHeadersFromAPeerThatIsNoTrustedProxyAreIgnored() {
        TwilioWebhook webhook = forwardedByProxy(TwilioWebhook.sms("signed for the URL called"));

        webhook.post()
                .then()
                .statusCode(200);

        webhook.onlyEvent();
    }
}
