package dev.switchboard.conversations.media;

import dev.switchboard.testing.TwilioStandInTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Media tests fetch from the Twilio stand-in: twilio.api-base-url points at it. */
@QuarkusTestResource(TwilioStandInTestResource.class)
public class WithTwilioStandIn {
}
