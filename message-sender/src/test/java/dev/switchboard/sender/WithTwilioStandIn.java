package dev.switchboard.sender;

import dev.switchboard.sender.testing.TwilioStandInResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module talks to a local Twilio stand-in instead of Twilio. */
@QuarkusTestResource(TwilioStandInResource.class)
public class WithTwilioStandIn {
}
