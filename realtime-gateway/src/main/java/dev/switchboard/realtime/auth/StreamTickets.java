package dev.switchboard.realtime.auth;

import dev.switchboard.auth.AuthConfig;
import dev.switchboard.auth.AuthSettings;
import dev.switchboard.problem.ProblemException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived, single-use stream tickets, so a browser never puts its long-lived token in a URL.
 * A ticket is signed (HMAC-SHA256 with {@code STREAM_TICKET_SECRET}, else a key derived from the JWT secret), so every replica can verify one that
 * another issued; "single use" is remembered per replica only, for the ticket's few seconds of life.
 */
@ApplicationScoped
@Startup // its key is checked when the gateway starts, not at the first ticket
public class StreamTickets {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String KEY_LABEL = "switchboard stream tickets v1";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();
    private final StreamAuthConfig config;
    private final SecretKeySpec key;
    private final Clock clock;
    private final TicketRate rate;

    StreamTickets(StreamAuthConfig config, AuthConfig tokens) {
        this.config = config;
        String secret = config.ticketSecret().or(tokens::jwtSecret).orElseThrow(() -> new IllegalStateException(
                "Stream tickets need a key: set STREAM_TICKET_SECRET (or SWITCHBOARD_JWT_SECRET)."));
        config.ticketSecret().filter(own -> !own.isBlank())
                .ifPresent(own -> AuthSettings.requireUnguessable("STREAM_TICKET_SECRET", own));
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                KEY_LABEL), "HmacSHA256");
        this.clock = Clock.systemUTC();
        this.rate = new TicketRate(config.ticketsPerMinute(), clock);
    }

    /** @throws ProblemException 429 when the user asked for too many tickets this minute */
    public StreamTicket issue(StreamSession principal) {
        rate.take(principal.userId());
        Instant expiresAt = clock.instant().plus(config.ticketTtl());
        String claims = principal.userId() + ":" + principal.expiresAt().getEpochSecond() + ":"
                + expiresAt.toEpochMilli() + ":" + nonce();
        String payload = ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return new StreamTicket(payload + "." + ENCODER.encodeToString(hmac(key, payload)),
                config.ticketTtl().toSeconds());
    }

    public StreamSession redeem(String ticket) {
        String[] claims = verifiedClaims(ticket);
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(claims[2]));
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw refused("The stream ticket has expired; ask for a new one.");
        }
        redeemed.values().removeIf(at -> at.isBefore(now));
        if (redeemed.putIfAbsent(claims[3], expiresAt) != null) {
            throw refused("The stream ticket was already used; ask for a new one.");
        }
        return new StreamSession(Long.parseLong(claims[0]), Instant.ofEpochSecond(Long.parseLong(claims[1])));
    }

    private String[] verifiedClaims(String ticket) {
        String[] parts = ticket.split("\\.", -1);
        if (parts.length != 2 || !MessageDigest.isEqual(hmac(key, parts[0]), decode(parts[1]))) {
            throw refused("The stream ticket is not one this service issued.");
        }
        String[] claims = new String(decode(parts[0]), StandardCharsets.UTF_8).split(":", -1);
        if (claims.length != 4) {
            throw refused("The stream ticket is not one this service issued.");
        }
        return claims;
    }

    private static byte[] decode(String part) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw refused("The stream ticket is not one this service issued.");
        }
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    private static ProblemException refused(String detail) {
        return ProblemException.unauthorized("invalid-ticket", detail);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
