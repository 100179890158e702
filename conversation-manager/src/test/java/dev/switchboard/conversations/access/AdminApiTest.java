package dev.switchboard.conversations.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.conversations.testing.Users;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AdminApiTest {

    @Test
    void serviceRoleCreatesAUserAnsweredInSnakeCase() {
        String phone = Messages.phoneNumber();
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("username", "ada", "phone_number", phone, "chat_identity", "ada-" + phone.substring(1)))
                .when().post("/users")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("phone_number", equalTo(phone))
                .body("chat_identity", equalTo("ada-" + phone.substring(1)))
                .body("points", equalTo(0))
                .body("created_at", notNullValue());
    }

    @Test
    void secondUserWithTheSamePhoneNumberIsAConflict() {
        String phone = Messages.phoneNumber();
        Users.create(phone, null);
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("username", "twin", "phone_number", phone))
                .when().post("/users")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("reason", equalTo("user-exists"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "5551234567", "+0555", "whatsapp:+15551234567", "+1 555 123", "" })
    void userWithAPhoneNumberThatIsNotE164IsRefused(String phone) {
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("username", "bad", "phone_number", phone))
                .when().post("/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("E.164"));
    }

    @Test
    void userWithoutUsernameIsRefused() {
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("phone_number", Messages.phoneNumber()))
                .when().post("/users")
                .then().statusCode(400)
                .body("detail", containsString("username"));
    }

    @Test
    void aUserTokenCannotCreateUsersOrTasks() {
        given().auth().oauth2(TestTokens.user(1)).contentType(ContentType.JSON)
                .body(Map.of("username", "eve", "phone_number", Messages.phoneNumber()))
                .when().post("/users")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.user(1)).contentType(ContentType.JSON)
                .body(Map.of("user_id", 1, "description", "x"))
                .when().post("/tasks")
                .then().statusCode(403);
    }

    static Stream<String> badTokens() {
        return Stream.of(TestTokens.expiredUser(1), TestTokens.unsignedUser(1),
                TestTokens.userWithAudience(1, "someone-else"), TestTokens.userSignedWith(1, "x".repeat(48)));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void badTokenIsUnauthorized(String token) {
        given().auth().oauth2(token).when().get("/messages").then().statusCode(401);
    }

    @Test
    void noTokenIsUnauthorized() {
        given().when().get("/messages").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", "x", "phone_number", "+15550000000"))
                .when().post("/users").then().statusCode(401);
    }

    @Test
    void serviceRoleGivesAUserATask() {
        long userId = Users.create(Messages.phoneNumber(), null);
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("user_id", userId, "description", "photo of the kitchen",
                        "due_time", "2026-12-01T18:00:00Z", "points", 10))
                .when().post("/tasks")
                .then().statusCode(201)
                .body("user_id", equalTo((int) userId))
                .body("status", equalTo("active"))
                .body("points", equalTo(10))
                .body("due_time", notNullValue());
    }

    @Test
    void taskForAnUnknownUserOrWithABadDueTimeIsRefused() {
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("user_id", Long.MAX_VALUE, "description", "x"))
                .when().post("/tasks")
                .then().statusCode(400)
                .body("reason", equalTo("unknown-user"));
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("user_id", 1, "description", "x", "due_time", "tomorrow"))
                .when().post("/tasks")
                .then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.serviceRole()).contentType(ContentType.JSON)
                .body(Map.of("description", "x"))
                .when().post("/tasks")
                .then().statusCode(400)
                .body("detail", containsString("user_id"));
    }
}
