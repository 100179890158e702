package dev.switchboard.ingest.twilio;

import static dev.switchboard.ingest.twilio.ForwardedFromUntrustedPeerTest.PROXY_BASE;
import static dev.switchboard.ingest.twilio.ForwardedFromUntrustedPeerTest.forwardedByProxy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** This test's client (on loopback, IPv4 or IPv6) is the trusted proxy: the URL it forwards is the one verified. */
@QuarkusTest
@TestProfile(ForwardedFromTrustedProxyTest.LoopbackIsTheProxy.class)
class ForwardedFromTrustedProxyTest {

    public static class LoopbackIsTheProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("SWITCHBOARD_TRUST_FORWARDED_HEADERS", "true",
                    "SWITCHBOARD_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1, ::1");
        }
    }

    @Test
    void webhookSignedForTheUrlTheTrustedProxyWasCalledAtIsAccepted() {
        TwilioWebhook webhook = forwardedByProxy(TwilioWebhook.sms("through the proxy")).signedForBase(PROXY_BASE);

        webhook.post()
                .then()
                .statusCode(200);

        webhook.onlyEvent();
    }

    @Test
    void forwardedPortIsPartOfTheVerifiedUrl() {
        TwilioWebhook webhook = TwilioWebhook.status(TwilioWebhook.sid("SM"), "delivered")
                .withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-Host", "hooks.example.com")
                .withHeader("X-Forwarded-Port", "8443")
                .signedForBase("https://hooks.example.com:8443");

        webhook.post()
                .then()
                .statusCode(200);

        webhook.onlyEvent();
    }

    @Test
    void webhookSignedForTheServicesOwnUrlIsRefusedWhenTheTrustedProxyForwardedAnother() {
        TwilioWebhook webhook = forwardedByProxy(TwilioWebhook.sms("signed for the inner URL"));

        webhook.post()
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("reason", equalTo("bad-signature"));

        webhook.assertNoEvent();
    }
}
