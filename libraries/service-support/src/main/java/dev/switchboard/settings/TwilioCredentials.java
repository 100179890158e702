package dev.switchboard.settings;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start with Twilio credentials that cannot be a real account's while the real Twilio is the target: the
 * placeholders of local settings and examples (and, on webhook-ingest, a published auth token would let anyone sign
 * a webhook). A stand-in ({@code TWILIO_API_BASE_URL} naming a host other than Twilio's), whose credentials are its
 * own, is for a local suite and tests only: the {@value #LOCAL_PROFILE} profile ({@code ./switchboard up} and the
 * compose stand-in file start the services with {@code QUARKUS_PROFILE=prod,local}) or the test profile. In
 * production it would swallow every send and hand the account's credentials to a host that is not Twilio. Every
 * service reads its Twilio settings through twilio-client's {@code TwilioConfig} (the same {@code twilio.} keys), so
 * one check at start covers the three that have them.
 */
@ApplicationScoped
public class TwilioCredentials {

    /** An account SID: AC and 32 hex digits. */
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** An Auth Token: 32 hex digits, as the Twilio Console shows it. */
    private static final Pattern AUTH_TOKEN = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern ALL_ZEROS = Pattern.compile("(AC)?0+");
    /** The profile a local suite adds to {@code prod}: where a stand-in may play Twilio. */
    public static final String LOCAL_PROFILE = "local";
    private static final Set<String> STAND_IN_PROFILES = Set.of(LOCAL_PROFILE, "test", "dev");

    void check(@Observes StartupEvent start, Config config) {
        requireTwilioOutsideLocal(config.getOptionalValue("twilio.api-base-url", String.class),
                config.unwrap(SmallRyeConfig.class).getProfiles());
        requireReal(config.getOptionalValue("twilio.account-sid", String.class),
                config.getOptionalValue("twilio.auth-token", String.class),
                config.getOptionalValue("twilio.auth-token-secondary", String.class),
                config.getOptionalValue("twilio.api-base-url", String.class));
    }

    /**
     * @param apiBaseUrl {@code TWILIO_API_BASE_URL}: unset means Twilio itself
     * @param profiles   the active configuration profiles
     * @throws IllegalStateException naming the variable to fix
     */
    public static void requireTwilioOutsideLocal(Optional<String> apiBaseUrl, List<String> profiles) {
        if (!targetsTwilio(apiBaseUrl) && profiles.stream().noneMatch(STAND_IN_PROFILES::contains)) {
            throw new IllegalStateException("TWILIO_API_BASE_URL names " + URI.create(apiBaseUrl.get().trim()).getHost()
                    + ", not Twilio: a stand-in serves a local suite only (QUARKUS_PROFILE=prod," + LOCAL_PROFILE
                    + ", as ./switchboard up sets it). Unset it in production, where every Twilio call must reach"
                    + " Twilio.");
        }
    }

    /**
     * @param apiBaseUrl {@code TWILIO_API_BASE_URL}: unset means Twilio itself
     * @throws IllegalStateException naming the variable to fix
     */
    public static void requireReal(Optional<String> accountSid, Optional<String> authToken,
            Optional<String> secondaryAuthToken, Optional<String> apiBaseUrl) {
        if (!targetsTwilio(apiBaseUrl)) {
            return;
        }
        accountSid.ifPresent(sid -> {
            if (!ACCOUNT_SID.matcher(sid).matches() || ALL_ZEROS.matcher(sid).matches()) {
                throw refused("TWILIO_ACCOUNT_SID", "is not a Twilio account SID (AC followed by 32 hex digits, from the"
                        + " Twilio Console)");
            }
        });
        authToken.ifPresent(token -> requireToken("TWILIO_AUTH_TOKEN", token));
        secondaryAuthToken.ifPresent(token -> requireToken("TWILIO_AUTH_TOKEN_SECONDARY", token));
    }

    private static void requireToken(String variable, String token) {
        if (!AUTH_TOKEN.matcher(token).matches() || ALL_ZEROS.matcher(token).matches()) {
            throw refused(variable, "is not a Twilio Auth Token (32 hex digits, from the Twilio Console)");
        }
    }

    private static IllegalStateException refused(String variable, String why) {
        return new IllegalStateException(variable + " " + why + ", while Twilio itself is the target"
                + " (TWILIO_API_BASE_URL unset): a placeholder here would " + (variable.startsWith("TWILIO_AUTH")
                        ? "let anyone who read it sign Twilio's webhooks." : "fail every send."));
    }

    /** Whether calls go to Twilio itself: no base URL, or one on twilio.com. */
    static boolean targetsTwilio(Optional<String> apiBaseUrl) {
        return apiBaseUrl.filter(url -> !url.isBlank()).map(url -> {
            String host = URI.create(url.trim()).getHost();
            return host == null || host.equals("twilio.com") || host.endsWith(".twilio.com");
        }).orElse(true);
    }
}
