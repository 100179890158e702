package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With SWITCHBOARD_JWT_ISSUER set, a token of another issuer (another Supabase project, say) or of none is refused. */
@QuarkusTest
@TestProfile(IssuerTest.IssuerRequired.class)
class IssuerTest {

    private static final String ISSUER = "https://switchboard-test.supabase.co/auth/v1";

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    public static class IssuerRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.auth.issuer", ISSUER);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"iss\":\"https://another-project.supabase.co/auth/v1\",", "" })
    void tokenOfAnotherIssuerOrNoneIsRefused(String issuerClaim) {
        given().header("Authorization", "Bearer " + token(new TestDatabase().user().id(), issuerClaim))
                .when().get("/v1/stream")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("reason", is("invalid-token"));
    }

    @Test
    void tokenOfTheConfiguredIssuerOpensTheStream() {
        TestUser user = new TestDatabase().user();

        try (SseClient stream = SseClient.open(streamUri, "Authorization",
                "Bearer " + token(user.id(), "\"iss\":\"" + ISSUER + "\","))) {
            stream.awaitOpen();
        }
    }

    private static String token(long userId, String issuerClaim) {
        String claims = TestTokens.claims(Long.toString(userId), "authenticated", TestTokens.AUDIENCE,
                Instant.now().plusSeconds(3600));
        return TestTokens.sign("{" + issuerClaim + claims.substring(1), TestTokens.SECRET);
    }
}
