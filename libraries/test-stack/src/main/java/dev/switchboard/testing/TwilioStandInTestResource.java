package dev.switchboard.testing;

import dev.switchboard.twilio.standin.TwilioStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the Twilio stand-in for a module's tests and points the service's Twilio client at it
 * ({@code twilio.api-base-url}). Tests drive and inspect it over its HTTP control API ({@code /_standin/...}).
 */
public class TwilioStandInTestResource implements QuarkusTestResourceLifecycleManager {

    private TwilioStandIn standIn;

    @Override
    public Map<String, String> start() {
        standIn = TwilioStandIn.start(0);
        return Map.of("twilio.api-base-url", standIn.baseUrl());
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
