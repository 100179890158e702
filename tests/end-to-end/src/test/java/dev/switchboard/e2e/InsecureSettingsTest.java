package dev.switchboard.e2e;

import dev.switchboard.stack.ProjectLayout;
import static dev.switchboard.stack.ManagedProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.stack.ServiceProcess;
import dev.switchboard.testing.TestTokens;
import dev.switchboard.testing.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A production start with a secret anyone could know, with Twilio credentials that cannot be real while Twilio
 * itself is the target, with a Twilio stand-in as the target, without a Twilio setting the service needs (the
 * Conversations service SID, which webhook-ingest does without), or trusting forwarded headers from any peer, refuses
 * to run and names the variable: the packaged service, as deployed, exits. Each start is otherwise well configured (a
 * strong secret, real-looking Twilio credentials), so the one bad setting is what stops it; Kafka and PostgreSQL are
 * not even needed to get that far. (conversation-manager runs the same checks, after its schema migration, so it is
 * not started here without a database.)
 */
class InsecureSettingsTest {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);
    private static final String REAL_LOOKING_SID = "AC" + "3f".repeat(16);
    private static final String REAL_LOOKING_TOKEN = "9c".repeat(16);
    private static final java.util.Set<String> NOT_SECRET = java.util.Set.of("TWILIO_ACCOUNT_SID", "TWILIO_API_BASE_URL",
            "TWILIO_CONVERSATIONS_SERVICE_SID",
            "SWITCHBOARD_TRUST_FORWARDED_HEADERS", "SWITCHBOARD_TRUSTED_PROXIES");

    @ParameterizedTest(name = "{0} with {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            message-sender       | SWITCHBOARD_JWT_SECRET      | super-secret-jwt-token-with-at-least-32-characters-long | SWITCHBOARD_JWT_SECRET is a published example or placeholder value
            message-sender       | SWITCHBOARD_JWT_SECRET      | local-dev-jwt-secret-change-me-0123456789               | SWITCHBOARD_JWT_SECRET is a published example or placeholder value
            realtime-gateway     | SWITCHBOARD_JWT_SECRET      | too-short                                               | SWITCHBOARD_JWT_SECRET is shorter than 32 bytes
            realtime-gateway     | STREAM_TICKET_SECRET        | please-change-me-before-going-live-000000               | STREAM_TICKET_SECRET is a published example or placeholder value
            message-sender       | TWILIO_ACCOUNT_SID          | AC00000000000000000000000000000000                      | TWILIO_ACCOUNT_SID is not a Twilio account SID
            message-sender       | TWILIO_AUTH_TOKEN           | local-dev-auth-token                                    | TWILIO_AUTH_TOKEN is not a Twilio Auth Token
            webhook-ingest       | TWILIO_AUTH_TOKEN           | end-to-end-auth-token                                   | TWILIO_AUTH_TOKEN is not a Twilio Auth Token
            webhook-ingest       | TWILIO_AUTH_TOKEN_SECONDARY | 00000000000000000000000000000000                        | TWILIO_AUTH_TOKEN_SECONDARY is not a Twilio Auth Token
            message-sender       | TWILIO_API_BASE_URL         | http://twilio-standin:8099                              | TWILIO_API_BASE_URL names twilio-standin, not Twilio
            message-sender       | TWILIO_CONVERSATIONS_SERVICE_SID | ''                                                 | TWILIO_CONVERSATIONS_SERVICE_SID is not set
            webhook-ingest       | SWITCHBOARD_TRUST_FORWARDED_HEADERS | true                                            | SWITCHBOARD_TRUSTED_PROXIES is not set while SWITCHBOARD_TRUST_FORWARDED_HEADERS=true
            webhook-ingest       | SWITCHBOARD_TRUSTED_PROXIES | ingress-nginx.internal                                  | SWITCHBOARD_TRUSTED_PROXIES has "ingress-nginx.internal", which is neither an IP address nor a CIDR range
            """)
    void aServiceRefusesToStartNamingTheInsecureVariable(String service, String variable, String value, String line,
            @TempDir Path dir) throws Exception {
        Path root = ProjectLayout.root();
        ServiceProcess process = ServiceProcess.quarkusService(service, root, freePort(), dir);
        Map<String, String> env = new HashMap<>(Map.of(
                "SWITCHBOARD_JWT_SECRET", TestTokens.SECRET,
                "TWILIO_ACCOUNT_SID", REAL_LOOKING_SID, "TWILIO_AUTH_TOKEN", REAL_LOOKING_TOKEN,
                "TWILIO_CONVERSATIONS_SERVICE_SID", "IS" + "3f".repeat(16),
                // Nothing listens there: the refusal must come before any connection matters.
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort(), "DB_PORT", Integer.toString(freePort())));
        env.put(variable, value);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(process.port()));
        try {
            process.start(env);
            // Not failed here: the assertion below says so, with the service's log.
            Waits.upTo(EXIT_WITHIN, Duration.ofMillis(200), () -> !process.isRunning());
            String log = Files.readString(process.log(), StandardCharsets.UTF_8);
            assertFalse(process.isRunning(), service + " still runs with " + variable + "=" + value + ":\n" + log);
            assertTrue(log.contains(line), "the log does not say '" + line + "':\n" + log);
            if (!NOT_SECRET.contains(variable)) {
                assertFalse(log.contains(value), "the refusal must not print the secret itself:\n" + log);
            }
        } finally {
            process.stop();
        }
    }
}
