package dev.switchboard.conversations.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.TestJwks;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client apps sign in with the tokens Supabase Auth gives them: a UUID {@code sub} that an operator set as the
 * user's {@code auth_id}, signed with the project's HS256 secret or with one of its published keys (JWKS).
 */
@QuarkusTest
class SignInTest {

    @ParameterizedTest
    @ValueSource(strings = { "HS256", "RS256", "ES256" })
    void aSupabaseSessionReadsItsUsersOwnData(String algorithm) {
        UUID authId = UUID.randomUUID();
        String phone = Messages.phoneNumber();
        long userId = createUser(phone, authId);

        given().auth().oauth2(TestTokens.session(authId, phone, algorithm))
                .when().get("/users/{id}", userId)
                .then().statusCode(200)
                .body("id", equalTo((int) userId))
                .body("auth_id", equalTo(authId.toString()));
        // The same rule as a numeric token: another user's data answers like missing data.
        given().auth().oauth2(TestTokens.session(authId, phone, algorithm))
                .when().get("/users/{id}", createUser(Messages.phoneNumber(), UUID.randomUUID()))
                .then().statusCode(404);
    }

    @Test
    void theKeySetIsReadOnceNotPerToken() {
        UUID authId = UUID.randomUUID();
        String phone = Messages.phoneNumber();
        long userId = createUser(phone, authId);
        given().auth().oauth2(TestTokens.session(authId, phone, "ES256")).get("/users/{id}", userId)
                .then().statusCode(200);
        int reads = TestJwks.reads();
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(TestTokens.session(authId, phone, i % 2 == 0 ? "RS256" : "ES256"))
                    .get("/users/{id}", userId).then().statusCode(200);
        }
        assertTrue(TestJwks.reads() == reads, "20 tokens made the key set be read " + (TestJwks.reads() - reads)
                + " more times");
    }

    @Test
    void aSessionOfNoSwitchboardUserIsForbiddenWithAClearReason() {
        given().auth().oauth2(TestTokens.session(UUID.randomUUID(), Messages.phoneNumber(), "HS256"))
                .when().get("/tasks")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("reason", equalTo("unknown-user"));
    }

    @Test
    void aKeyTheProjectNeverPublishedIsRefused() {
        UUID authId = UUID.randomUUID();
        String phone = Messages.phoneNumber();
        createUser(phone, authId);
        String token = TestTokens.session(authId, phone, "RS256");
        String[] parts = token.split("\\.");
        // The same claims and signature under a kid the key set does not hold: no key, no trust.
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS256\",\"kid\":\"rotated-out\",\"typ\":\"JWT\"}".getBytes());
        given().auth().oauth2(header + "." + parts[1] + "." + parts[2])
                .when().get("/tasks")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("reason", equalTo("invalid-token"));
    }

    @Test
    void anAnonymousKeyOrAUserTokenWithoutAudienceIsRefused() {
        long in1h = Instant.now().plusSeconds(3600).getEpochSecond();
        String anonKey = TestTokens.sign("{\"iss\":\"supabase\",\"role\":\"anon\",\"exp\":" + in1h + "}",
                TestTokens.SECRET);
        String noAudience = TestTokens.sign("{\"sub\":\"1\",\"role\":\"authenticated\",\"exp\":" + in1h + "}",
                TestTokens.SECRET);
        for (String token : new String[] { anonKey, noAudience }) {
            given().auth().oauth2(token).when().get("/tasks")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("reason", equalTo("invalid-token"));
        }
    }

    @Test
    void supabasesServiceKeyWhichNamesNoAudienceActsAsTheServiceRole() {
        long in1h = Instant.now().plusSeconds(3600).getEpochSecond();
        String serviceKey = TestTokens.sign("{\"iss\":\"supabase\",\"ref\":\"project\",\"role\":\"service_role\","
                + "\"iat\":1700000000,\"exp\":" + in1h + "}", TestTokens.SECRET);
        given().auth().oauth2(serviceKey).contentType(ContentType.JSON)
                .body(Map.of("username", "made-by-service-key", "phone_number", Messages.phoneNumber()))
                .when().post("/users")
                .then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "1-1-1-1-1" })
    void anAuthIdThatIsNoUuidIsRefused(String authId) {
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("username", "x", "phone_number", Messages.phoneNumber(), "auth_id", authId))
                .when().post("/users")
                .then().statusCode(400)
                .body("reason", equalTo("invalid-user"));
    }

    @Test
    void twoUsersCannotShareAnAuthId() {
        UUID authId = UUID.randomUUID();
        createUser(Messages.phoneNumber(), authId);
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("username", "twin", "phone_number", Messages.phoneNumber(), "auth_id", authId.toString()))
                .when().post("/users")
                .then().statusCode(409)
                .body("reason", equalTo("user-exists"));
    }

    static long createUser(String phone, UUID authId) {
        return given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("username", "app user", "phone_number", phone, "auth_id", authId.toString()))
                .when().post("/users")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
