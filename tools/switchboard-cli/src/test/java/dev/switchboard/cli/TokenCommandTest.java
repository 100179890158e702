package dev.switchboard.cli;

import dev.switchboard.stack.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path stackDir;

    /** This checkout's local secret, made in a stack folder of the test's own. */
    private String local() {
        return LocalSettings.localJwtSecret(stackDir);
    }

    private int token(String environmentSecret, String... args) {
        return TokenCommand.run(List.of(args), local(), Optional.ofNullable(environmentSecret),
                new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void theLocalSecretIsMadeOnceAtRandomAndKeptForItsOwnerOnly() throws Exception {
        String secret = local();
        assertEquals(secret, local());
        assertTrue(secret.length() >= 43, secret); // 32 random bytes
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(stackDir.resolve("jwt-secret"))));
    }

    @Test
    void aDemoUsersTokenNamesTheirSupabaseAuthIdAndIsSignedWithTheLocalSecret() throws Exception {
        assertEquals(0, token(null, "--user", "alice", "--ttl", "30m"));

        String[] parts = out.toString(StandardCharsets.UTF_8).trim().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"" + DemoWorld.user("alice").orElseThrow().authId() + "\""), claims);
        assertTrue(claims.contains("\"role\":\"authenticated\"") && claims.contains("\"aud\":\"authenticated\""), claims);
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertTrue(Math.abs(exp - Instant.now().plusSeconds(1800).getEpochSecond()) < 60, claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(local().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(parts[2], Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aNumericUserOrTheServiceRole() {
        assertEquals(0, token(null, "--user", "42"));
        assertEquals(0, token(local(), "--service-role")); // the environment may name the local secret itself
        String[] tokens = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertTrue(payload(tokens[0]).contains("\"sub\":\"42\""));
        assertTrue(payload(tokens[1]).contains("\"role\":\"service_role\""));
    }

    @Test
    void anotherSecretInTheEnvironmentIsRefused() {
        assertEquals(2, token("the-production-secret-0123456789abcdef0123", "--user", "alice"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("SWITCHBOARD_JWT_SECRET is not the local suite's"));
    }

    @Test
    void wrongOptionsAreOneLineSayingWhatIsWrong() {
        assertEquals(2, token(null, "--user", "carol"));
        assertEquals(2, token(null, "--user"));
        assertEquals(2, token(null, "--ttl", "forever", "--service-role"));
        assertEquals(2, token(null));
        assertEquals(2, token(null, "--usr", "alice"));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "switchboard token: no demo user 'carol'; one of [alice, bob], or a numeric user id",
                "switchboard token: --user needs a value",
                "switchboard token: --ttl is a duration like 30m, 1h or PT2H, got 'forever'",
                "switchboard token: give --user <name|id> or --service-role (token --help)",
                "switchboard token: unknown option --usr (token --help lists them)"), lines);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
