package dev.switchboard.conversations.access;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * smallrye-jwt verifies HS256 only with a JWK ({@code {"kty":"oct","k":…}}), while Supabase and the earlier design hand
 * out the raw secret. This turns {@code switchboard.jwt.secret} ({@code SWITCHBOARD_JWT_SECRET}) into that JWK as
 * {@code smallrye.jwt.verify.secretkey}, above application.properties, so operators set only the secret they have.
 */
public class JwtSecretConfigSource implements ConfigSourceFactory {

    static final String SECRET = "switchboard.jwt.secret";
    static final String VERIFY_KEY = "smallrye.jwt.verify.secretkey";
    private static final int ABOVE_APPLICATION_PROPERTIES = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue secret = context.getValue(SECRET);
        if (secret == null || secret.getValue() == null || secret.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(VERIFY_KEY, jwk(secret.getValue())), "switchboard-jwt-secret",
                ABOVE_APPLICATION_PROPERTIES));
    }

    static String jwk(String secret) {
        String k = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        return "{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + k + "\"}";
    }
}
