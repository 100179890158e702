package dev.switchboard.auth;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Lets {@code SWITCHBOARD_JWT_SECRET} be the plain HS256 secret Supabase shows. smallrye-jwt reads
 * {@code smallrye.jwt.verify.secretkey} as a JWK, so a plain secret is wrapped into an {@code oct} JWK of its UTF-8
 * bytes (what Supabase signs with); a value that already is a JWK passes unchanged.
 */
public class JwtSecretAsJwk implements ConfigSourceInterceptor {

    static final String SECRET_KEY = "smallrye.jwt.verify.secretkey";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SECRET_KEY.equals(name) || value == null || value.getValue() == null
                || value.getValue().isBlank() || value.getValue().trim().startsWith("{")) {
            return value;
        }
        return value.withValue(jwk(value.getValue()));
    }

    static String jwk(String secret) {
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        return "{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + key + "\"}";
    }
}
