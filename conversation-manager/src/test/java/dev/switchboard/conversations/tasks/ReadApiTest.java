package dev.switchboard.conversations.tasks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import dev.switchboard.conversations.testing.Database;
import dev.switchboard.conversations.testing.Messages;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What client apps and operators read: a user sees their own profile, points and tasks; service_role sees all. */
@QuarkusTest
class ReadApiTest {

    @Inject
    Database db;

    private long user(long points) {
        return db.query("INSERT INTO users (username, phone_number, points) VALUES ('r', $1, $2) RETURNING id",
                Messages.phoneNumber(), points).get(0).getLong("id");
    }

    private long task(long userId, String status) {
        return db.query("INSERT INTO tasks (user_id, description, status) VALUES ($1, 'd', $2) RETURNING id",
                userId, status).get(0).getLong("id");
    }

    @Test
    void aUserReadsTheirOwnProfileWithPointsAndNobodyElses() {
        long me = user(40);
        long other = user(5);

        given().auth().oauth2(TestTokens.user(me)).get("/users/{id}", me)
                .then().statusCode(200).body("points", is(40)).body("id", is((int) me));
        given().auth().oauth2(TestTokens.user(me)).get("/users/{id}", other)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.serviceRole()).get("/users/{id}", other)
                .then().statusCode(200).body("points", is(5));
        given().get("/users/{id}", me).then().statusCode(401);
    }

    @Test
    void aUserListsOnlyTheirOwnTasksFilteredByStatus() {
        long me = user(0);
        long other = user(0);
        long active = task(me, "active");
        long done = task(me, "completed");
        task(other, "active");

        given().auth().oauth2(TestTokens.user(me)).get("/tasks")
                .then().statusCode(200).body("id", contains((int) done, (int) active));
        given().auth().oauth2(TestTokens.user(me)).get("/tasks?status=completed")
                .then().statusCode(200).body("id", contains((int) done));
        given().auth().oauth2(TestTokens.user(me)).get("/tasks?user_id={other}", other)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.user(me)).get("/tasks?status=bogus")
                .then().statusCode(400).body("reason", is("invalid-status"));
        given().auth().oauth2(TestTokens.serviceRole()).get("/tasks?user_id={other}", other)
                .then().statusCode(200).body("user_id", everyItem(is((int) other)));
    }

    @Test
    void aSingleTaskIsReadableByItsUserAndTheServiceOnly() {
        long me = user(0);
        long mine = task(me, "active");

        given().auth().oauth2(TestTokens.user(me)).get("/tasks/{id}", mine).then().statusCode(200).body("status", is("active"));
        given().auth().oauth2(TestTokens.user(user(0))).get("/tasks/{id}", mine).then().statusCode(404);
        given().auth().oauth2(TestTokens.serviceRole()).get("/tasks/{id}", mine).then().statusCode(200);
    }
}
