package dev.switchboard.ingest.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which TCP peers {@code SWITCHBOARD_TRUSTED_PROXIES} admits, and which settings it refuses. */
class TrustedProxiesTest {

    private static TrustedProxies proxies(String setting) {
        return TrustedProxies.parse(Optional.of(setting));
    }

    @ParameterizedTest(name = "{0} trusts {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.7                      | 10.0.0.7                 | true
            10.0.0.7                      | 10.0.0.8                 | false
            10.244.0.0/16                 | 10.244.3.17              | true
            10.244.0.0/16                 | 10.245.0.1               | false
            10.244.1.9/16                 | 10.244.200.1             | true
            0.0.0.0/0                     | 192.0.2.1                | true
            fd00::/8                      | fd12:3456::1             | true
            fd00::/8                      | fe80::1                  | false
            2001:db8::17                  | 2001:db8:0:0:0:0:0:17    | true
            2001:db8::17                  | 2001:db8::18             | false
            ::1                           | 0:0:0:0:0:0:0:1          | true
            10.0.0.0/8                    | ::ffff:10.1.2.3          | true
            10.0.0.0/8                    | 0:0:0:0:0:ffff:a01:203   | true
            fd00::/8                      | 10.0.0.1                 | false
            10.0.0.0/8                    | fd00::1                  | false
            ' 10.0.0.7 ,, 192.168.0.0/24 '| 192.168.0.99             | true
            ' 10.0.0.7 ,, 192.168.0.0/24 '| 10.0.0.7                 | true
            ' 10.0.0.7 ,, 192.168.0.0/24 '| 192.168.1.1              | false
            10.0.0.0/8                    | not-an-address           | false
            10.0.0.0/8                    | 10.0.0.1.example.com     | false
            """)
    void peerIsTrustedOnlyWhenAnEntryCoversIt(String setting, String peer, boolean trusted) {
        assertEquals(trusted, proxies(setting).trusts(peer));
    }

    @Test
    void noSettingTrustsNobody() {
        TrustedProxies none = TrustedProxies.parse(Optional.empty());

        assertTrue(none.isEmpty());
        assertFalse(none.trusts("127.0.0.1"));
        assertFalse(none.trusts(null));
        assertTrue(proxies(" , ").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"proxy.internal", "localhost", "10.0.0.256", "10.0.0", "10.0.0.0/33", "10.0.0.0/-1",
            "10.0.0.0/x", "10.0.0.0/", "fd00::/129", "fd00:::1", "10.0.0.7 10.0.0.8", "10.0.0.7;10.0.0.8", "*"})
    void unparsableEntryIsRefusedNamingTheVariableAndTheEntry(String entry) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> proxies("10.0.0.7, " + entry));

        assertTrue(refused.getMessage().startsWith("SWITCHBOARD_TRUSTED_PROXIES has \"" + entry + "\""),
                refused.getMessage());
    }
}
