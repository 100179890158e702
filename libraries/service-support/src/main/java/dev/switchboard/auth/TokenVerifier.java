package dev.switchboard.auth;

import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Verifies the tokens client apps hold, the same way in every service: Supabase-style JWTs signed with the project's
 * HS256 secret or with one of its published RS256/ES256 keys ({@link SigningKeys}); every other algorithm, {@code none}
 * included, is refused. Checks expiry, audience and (when configured) issuer. Supabase's own service key carries no
 * {@code aud}: a {@code service_role} token may omit it, a user token may not.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private final AuthConfig config;
    private final SigningKeys keys;
    /** Built once: it is thread-safe, and its key resolver reads the keys published when a token is checked. */
    private final JwtConsumer consumer;

    TokenVerifier(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
        this.consumer = consumer(config, keys);
    }

    /** @return the token's claims; fails with a 401 problem when the token is not one to trust */
    public Uni<VerifiedToken> verify(String token) {
        return Uni.createFrom().item(() -> structure(token))
                .chain(keys::readyFor)
                .map(ready -> claims(token));
    }

    private VerifiedToken claims(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String role = claims.getStringClaimValue("role");
            if (!Caller.SERVICE_ROLE.equals(role) && !claims.hasAudience()) {
                throw refused("The token names no audience; user tokens must be issued for '" + config.audience() + "'.");
            }
            if (!Caller.SERVICE_ROLE.equals(role) && !Caller.AUTHENTICATED.equals(role)) {
                throw refused("Only signed-in users (role authenticated) and the service role may call Switchboard.");
            }
            return new VerifiedToken(claims.getSubject(), role,
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()), claims.getStringClaimValue("phone"));
        } catch (InvalidJwtException e) {
            LOG.debugf("token refused: jose4j error codes %s",
                    e.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorCode).toList());
            throw refused("The token is malformed, unsigned, badly signed, expired or not issued for this audience.");
        } catch (MalformedClaimException e) {
            throw refused("The token's role, subject or expiry is not a string or number as it must be.");
        }
    }

    private static JwtConsumer consumer(AuthConfig config, SigningKeys keys) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedAudience(false, config.audience())
                .setJwsAlgorithmConstraints(ALGORITHMS)
                .setVerificationKeyResolver(keys.resolver());
        config.issuer().ifPresent(builder::setExpectedIssuer);
        return builder.build();
    }

    /**
     * The token's header, read before any key is chosen. jose4j's messages quote the whole token (a token for another
     * audience is a live credential elsewhere), so they are never logged: only its error codes are.
     */
    private static JsonWebStructure structure(String token) {
        try {
            return JsonWebStructure.fromCompactSerialization(token);
        } catch (JoseException | RuntimeException e) {
            throw refused("The token is not a JWT.");
        }
    }

    private static ProblemException refused(String detail) {
        return ProblemException.unauthorized("invalid-token", detail);
    }
}
