package dev.switchboard.sender.testing;

import dev.switchboard.twilio.standin.StandInSettings;
import dev.switchboard.twilio.standin.TwilioStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Optional;

/** Points the service's Twilio SDK at a stand-in started for the test run (status callbacks off: nobody listens). */
public class TwilioStandInResource implements QuarkusTestResourceLifecycleManager {

    private TwilioStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = TwilioStandIn.start(0, new StandInSettings(Optional.empty(), false));
        return Map.of("twilio.api-base-url", standIn.baseUrl());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
