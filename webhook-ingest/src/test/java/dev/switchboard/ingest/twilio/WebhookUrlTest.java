package dev.switchboard.ingest.twilio;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without SWITCHBOARD_PUBLIC_URL the signed URL is the request's own, query included exactly as sent. */
@QuarkusTest
class WebhookUrlTest {

    @Test
    void queryStringIsPartOfTheSignedUrl() {
        TwilioWebhook webhook = TwilioWebhook.sms("with query").at("/webhooks/twilio/messaging?tenant=a%20b&x=1");

        webhook.post()
                .then()
                .statusCode(200);

        webhook.onlyEvent();
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessTrustingTheProxyIsConfigured() {
        TwilioWebhook webhook = TwilioWebhook.sms("spoofed host");

        webhook.withHeader("X-Forwarded-Host", "evil.example.com")
                .withHeader("X-Forwarded-Proto", "https")
                .post()
                .then()
                .statusCode(200);

        webhook.onlyEvent();
    }
}
