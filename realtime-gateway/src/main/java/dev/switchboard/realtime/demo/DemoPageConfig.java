package dev.switchboard.realtime.demo;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * What the demo page at the gateway's {@code /} needs to know: where the other services' public APIs are, and, on a
 * local suite only, tokens of the demo users to sign in with. Nothing here is a secret of the gateway's own: the
 * tokens are the ones {@code ./switchboard up} prints, and the gateway never mints any.
 */
@ConfigMapping(prefix = "realtime.demo")
public interface DemoPageConfig {

    /** conversation-manager's base URL as a browser reaches it; unset, the page's own origin (one ingress host). */
    Optional<String> conversationManagerUrl();

    /** message-sender's base URL as a browser reaches it; unset, the page's own origin. */
    Optional<String> messageSenderUrl();

    /**
     * Demo users' tokens, each {@code name=<jwt>} ({@code DEMO_SESSIONS=alice=<jwt>,bob=<jwt>}), set by the local launcher when it
     * plays Twilio with the stand-in; unset everywhere else, so the page offers only "paste a token".
     */
    Optional<List<String>> sessions();
}
