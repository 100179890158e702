package dev.switchboard.conversations.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With {@code SWITCHBOARD_AUTH_LINK_FIRST_SIGN_IN=phone}, a first sign-in finds its user by the token's phone. */
@QuarkusTest
@TestProfile(FirstSignInByPhoneTest.LinkByPhone.class)
class FirstSignInByPhoneTest {

    public static class LinkByPhone implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.auth.link-first-sign-in", "phone");
        }
    }

    @Test
    void aFirstSignInIsLinkedToTheUserWithItsPhoneNumberAndOnlyOnce() {
        String phone = Messages.phoneNumber();
        long userId = Users.create(phone, null);
        UUID first = UUID.randomUUID();

        given().auth().oauth2(TestTokens.session(first, phone, "HS256"))
                .when().get("/users/{id}", userId)
                .then().statusCode(200)
                .body("auth_id", equalTo(first.toString()));
        // Another Supabase user claiming the same phone later does not take the account over.
        given().auth().oauth2(TestTokens.session(UUID.randomUUID(), phone, "HS256"))
                .when().get("/users/{id}", userId)
                .then().statusCode(403)
                .body("reason", equalTo("unknown-user"));
    }

    @Test
    void aSessionWhosePhoneNoUserHasIsStillUnknown() {
        given().auth().oauth2(TestTokens.session(UUID.randomUUID(), Messages.phoneNumber(), "ES256"))
                .when().get("/tasks")
                .then().statusCode(403)
                .body("reason", equalTo("unknown-user"));
    }
}
