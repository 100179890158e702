package dev.switchboard.conversations.reconciliation;

import com.twilio.exception.ApiException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * One request of a Twilio list, asked again when Twilio answers 429 (Too Many Requests), waiting twice as long each
 * time with jitter (SmallRye Fault Tolerance; counts and delays are settings in application.properties). Any other
 * failure ends the pass; the next pass reads the window again.
 */
@ApplicationScoped
public class TwilioPages {

    private static final Logger LOG = Logger.getLogger(TwilioPages.class);

    @Retry(retryOn = RateLimited.class, maxRetries = 6, delay = 1000, jitter = 250, maxDuration = 300_000)
    @ExponentialBackoff(factor = 2, maxDelay = 60_000)
    public <T> T fetch(Supplier<T> request) {
        try {
            return request.get();
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 429) {
                LOG.infof("Twilio answered 429 to a reconciliation read; backing off");
                throw new RateLimited(e);
            }
            throw e;
        }
    }

    /** Twilio asked us to slow down. */
    public static final class RateLimited extends RuntimeException {
        RateLimited(ApiException cause) {
            super("Twilio answered 429: " + cause.getMessage(), cause);
        }
    }
}
