package dev.switchboard.realtime.auth;

import dev.switchboard.problem.ProblemException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Checks a user JWT with smallrye-jwt: HS256 only (so {@code alg: none} fails), signature, audience, expiry, and the
 * issuer when one is configured. The rules are built here from {@link AuthConfig} rather than from the framework's
 * {@code mp.jwt.*} defaults, which would demand an issuer that Supabase-style tokens name differently per project.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final JWTParser parser;
    private final JWTAuthContextInfo rules;

    TokenVerifier(JWTParser parser, AuthConfig config) {
        this.parser = parser;
        this.rules = rules(config);
    }

    private static JWTAuthContextInfo rules(AuthConfig config) {
        SecretKey key = new SecretKeySpec(config.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        JWTAuthContextInfo rules = new JWTAuthContextInfo(key, config.jwtIssuer().orElse(null));
        rules.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        rules.setExpectedAudience(Set.of(config.jwtAudience()));
        rules.setClockSkew((int) config.jwtClockSkew().toSeconds());
        return rules;
    }

    public StreamPrincipal verify(String token) {
        JsonWebToken jwt = parse(token);
        return new StreamPrincipal(userId(jwt.getSubject()), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private JsonWebToken parse(String token) {
        try {
            return parser.parse(token, rules);
        } catch (ParseException e) {
            LOG.debugf("token refused: %s", reason(e));
            throw ProblemException.unauthorized("invalid-token",
                    "The token is malformed, unsigned, badly signed, expired or not issued for this audience.");
        }
    }

    /**
     * jose4j's messages, and so the exception's stack trace, quote the whole token: a token of another audience is a
     * live credential elsewhere. Only jose4j's error codes (ErrorCodes: 1 expired, 8 audience, 17 unprocessable...) or
     * the cause's type are logged.
     */
    private static String reason(ParseException e) {
        if (e.getCause() instanceof InvalidJwtException invalid) {
            return "jose4j error codes " + invalid.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorCode)
                    .toList();
        }
        return e.getCause() == null ? "no cause" : e.getCause().getClass().getSimpleName();
    }

    private static long userId(String subject) {
        try {
            return Long.parseLong(subject);
        } catch (NumberFormatException e) {
            throw ProblemException.unauthorized("unknown-subject", "The token's subject is not a Switchboard user id.");
        }
    }
}
