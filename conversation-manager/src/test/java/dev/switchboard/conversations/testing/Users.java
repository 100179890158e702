package dev.switchboard.conversations.testing;

import static io.restassured.RestAssured.given;

import dev.switchboard.testing.TestTokens;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;

/** Creates users through the admin API, as an operator would. */
public final class Users {

    private Users() {
    }

    /** A new user with a fresh phone number (and chat identity when given); returns its id. */
    public static long create(String phoneNumber, String chatIdentity) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", "user" + phoneNumber);
        body.put("phone_number", phoneNumber);
        if (chatIdentity != null) {
            body.put("chat_identity", chatIdentity);
        }
        return given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON).body(body)
                .when().post("/users")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
