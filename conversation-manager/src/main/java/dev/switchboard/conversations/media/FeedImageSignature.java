package dev.switchboard.conversations.media;

import dev.switchboard.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs and checks the expiring {@code /feed/{id}/image?expires=&signature=} URLs of the database media store, so an
 * {@code <img>} tag loads a post's image without a bearer token. The signature (HMAC-SHA256, base64url) covers the
 * post id and the expiry: changing either, or using the URL after its expiry, is refused with 403. Without a key
 * (none configured, and no JWT secret to derive one from) nothing is signed and every signature is refused;
 * {@link FeedImageUrls} refuses to start when it would have to hand such URLs out.
 */
@ApplicationScoped
public class FeedImageSignature {

    /** Derives this purpose's own key: the JWT secret it may come from never signs anything a token check reads. */
    private static final String KEY_LABEL = "switchboard feed image urls v1";

    private final Optional<byte[]> key;
    private final Clock clock;

    @Inject
    FeedImageSignature(FeedImageConfig config) {
        this(config.urlSigningKey().orElse(null), Clock.systemUTC());
    }

    /** @param secret null or blank: no key */
    FeedImageSignature(String secret, Clock clock) {
        this.key = Optional.ofNullable(secret).filter(s -> !s.isBlank())
                .map(s -> AwsSigV4.hmac(s.getBytes(StandardCharsets.UTF_8), KEY_LABEL));
        this.clock = clock;
    }

    /** Whether URLs can be signed: a key was configured or derived. */
    public boolean canSign() {
        return key.isPresent();
    }

    /** The signature of post {@code postId}'s image URL valid until {@code expires}. */
    public String sign(long postId, Instant expires) {
        byte[] mac = AwsSigV4.hmac(key.orElseThrow(() -> new IllegalStateException("no FEED_URL_SIGNING_KEY")),
                claims(postId, expires.getEpochSecond()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * Passes when {@code signature} is this service's for the post and {@code expires} (epoch seconds) is in the
     * future; otherwise 403 problem {@code invalid-image-signature} or {@code image-url-expired}.
     */
    public void verify(long postId, String expires, String signature) {
        long expiresAt;
        byte[] given;
        try {
            expiresAt = Long.parseLong(expires);
            given = Base64.getUrlDecoder().decode(signature);
        } catch (RuntimeException malformed) { // NumberFormatException, IllegalArgumentException, a missing parameter
            throw invalid();
        }
        if (key.isEmpty() || !MessageDigest.isEqual(AwsSigV4.hmac(key.get(), claims(postId, expiresAt)), given)) {
            throw invalid();
        }
        if (expiresAt <= clock.instant().getEpochSecond()) {
            throw ProblemException.forbidden("image-url-expired",
                    "this image URL has expired; read the post again for a fresh one");
        }
    }

    private static ProblemException invalid() {
        return ProblemException.forbidden("invalid-image-signature", "this image URL is not one this service signed");
    }

    private static String claims(long postId, long expiresEpochSecond) {
        return "feed-image:" + postId + ":" + expiresEpochSecond;
    }
}
