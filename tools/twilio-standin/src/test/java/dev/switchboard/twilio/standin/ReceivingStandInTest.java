package dev.switchboard.twilio.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.twilio.http.TwilioRestClient;
import dev.switchboard.twilio.TwilioClients;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * Tests against a stand-in whose Conversations and Messaging webhooks go to a {@link WebhookReceiver}, with an SDK
 * client of a fresh account and the control API; each test ends by checking that no request broke Twilio's OpenAPI
 * description.
 */
abstract class ReceivingStandInTest {

    protected final String token = TestData.authToken();
    protected final String accountSid = TestData.accountSid();
    protected final WebhookReceiver receiver = new WebhookReceiver();
    protected final TwilioStandIn standIn;
    protected final TwilioRestClient client;
    protected final StandInControl control;

    ReceivingStandInTest(boolean statusCallbacks) {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.of(token), statusCallbacks)
                .withConversationsWebhookUrl(receiver.url("/webhooks/twilio/conversations"))
                .withMessagingWebhookUrl(receiver.url("/webhooks/twilio/messaging")));
        client = TwilioClients.create(accountSid, token, Optional.of(standIn.baseUrl()));
        control = new StandInControl(standIn.baseUrl());
    }

    @AfterEach
    void stop() {
        try {
            assertEquals("[]", control.violations().toString());
        } finally {
            standIn.close();
            receiver.close();
        }
    }
}
