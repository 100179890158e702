package dev.switchboard.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys tokens are verified with: the project's HS256 secret, and the public keys its JWKS URL publishes (read in
 * the background with Vert.x, so no request thread ever waits on a blocking fetch). A token whose {@code kid} is not
 * known yet makes the set be read again, at most every 30 s, so a key the project just rotated in is found.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Duration MIN_REREAD = Duration.ofSeconds(30);

    private final AuthConfig config;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();
    private final Key secret;
    private volatile List<JsonWebKey> published = List.of();
    private volatile Instant readAt = Instant.EPOCH;
    private volatile Uni<Void> reading;
    private HttpClient client;

    SigningKeys(AuthConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        this.secret = config.jwtSecret().map(s -> new HmacKey(s.getBytes(StandardCharsets.UTF_8))).orElse(null);
    }

    /** Completes once the published keys can verify a token with this {@code kid} (or cannot be had sooner). */
    Uni<Void> readyFor(JsonWebStructure token) {
        if (config.jwksUrl().isEmpty() || AlgorithmIdentifiers.HMAC_SHA256.equals(token.getAlgorithmHeaderValue())) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        boolean fresh = readAt.plus(config.jwksRefresh()).isAfter(now);
        boolean known = published.stream().anyMatch(key -> key.getKeyId() != null
                && key.getKeyId().equals(token.getKeyIdHeaderValue()));
        if ((fresh && (known || token.getKeyIdHeaderValue() == null)) || readAt.plus(MIN_REREAD).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        return read();
    }

    /** Resolves HS256 to the secret and every other permitted algorithm to the keys published at that moment. */
    VerificationKeyResolver resolver() {
        return (JsonWebSignature jws, List<JsonWebStructure> nesting) -> {
            if (AlgorithmIdentifiers.HMAC_SHA256.equals(jws.getAlgorithmHeaderValue())) {
                if (secret == null) {
                    throw new UnresolvableKeyException("no HS256 secret is configured");
                }
                return secret;
            }
            JwksVerificationKeyResolver fromSet = new JwksVerificationKeyResolver(published);
            fromSet.setDisambiguateWithVerifySignature(true);
            return fromSet.resolveKey(jws, nesting);
        };
    }

    private synchronized Uni<Void> read() {
        if (reading == null) {
            reading = Uni.createFrom().completionStage(() -> fetch().toCompletionStage())
                    .invoke(this::accept)
                    .onFailure().invoke(e -> LOG.warnf("signing keys could not be read from %s: %s",
                            config.jwksUrl().get(), e.toString()))
                    .onFailure().recoverWithNull()
                    .eventually(this::done)
                    .replaceWithVoid()
                    .memoize().indefinitely();
        }
        return reading;
    }

    private synchronized void done() {
        readAt = clock.instant();
        reading = null;
    }

    private void accept(Buffer body) {
        try {
            published = List.copyOf(new JsonWebKeySet(body.toString(StandardCharsets.UTF_8)).getJsonWebKeys());
            LOG.debugf("read %d signing keys", published.size());
        } catch (JoseException e) {
            throw new IllegalStateException("the JWKS document is not a key set: " + e.getMessage());
        }
    }

    private Future<Buffer> fetch() {
        return client().request(new RequestOptions().setAbsoluteURI(config.jwksUrl().get().toString())
                        .setMethod(HttpMethod.GET).setIdleTimeout(5_000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("the JWKS URL answered " + response.statusCode()));
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
        }
        return client;
    }
}
