package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up refuses forwarded headers that any peer could send. */
class ForwardedHeadersCheckTest {

    @Test
    void trustingForwardedHeadersWithoutTrustedProxiesFailsStartUpNamingTheVariable() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ForwardedHeaders.check(true, Optional.empty(), false));

        assertTrue(refused.getMessage().startsWith("SWITCHBOARD_TRUSTED_PROXIES is not set while"
                + " SWITCHBOARD_TRUST_FORWARDED_HEADERS=true"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> ForwardedHeaders.check(true, Optional.of(" , "), false));
    }

    @Test
    void unparsableTrustedProxyFailsStartUpEvenWithTrustOff() {
        assertThrows(IllegalStateException.class,
                () -> ForwardedHeaders.check(false, Optional.of("10.0.0.0/33"), false));
    }

    @Test
    void quarkusProxyForwardingFailsStartUp() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ForwardedHeaders.check(true, Optional.of("10.0.0.0/8"), true));

        assertTrue(refused.getMessage().startsWith("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING is on"),
                refused.getMessage());
    }

    @Test
    void trustWithTrustedProxiesOrNoTrustAtAllStarts() {
        assertDoesNotThrow(() -> ForwardedHeaders.check(true, Optional.of("10.244.0.0/16, fd00::/8"), false));
        assertDoesNotThrow(() -> ForwardedHeaders.check(false, Optional.empty(), false));
    }
}
