package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.SseClient;
import dev.switchboard.realtime.support.TestDatabase;
import dev.switchboard.realtime.support.TestUser;
import dev.switchboard.testing.Waits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The production caps: streams per user, and stream tickets per user and minute, each refused with a 429 problem. */
@QuarkusTest
class StreamLimitsTest {

    @TestHTTPResource("/v1/stream")
    URI streamUri;

    @ConfigProperty(name = "realtime.stream.max-per-user")
    int maxPerUser;

    @ConfigProperty(name = "realtime.auth.tickets-per-minute")
    int ticketsPerMinute;

    @Test
    void oneStreamPastTheUsersCapIsRefusedAndAClosedOneGivesItsPlaceBack() {
        TestUser user = new TestDatabase().user();
        TestUser someoneElse = new TestDatabase().user();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < maxPerUser; i++) {
                open.add(SseClient.open(streamUri, "Authorization", user.bearer()).awaitOpen());
            }
            given().header("Authorization", user.bearer())
                    .when().get("/v1/stream")
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .body("reason", is("too-many-streams"));
            try (SseClient theirs = SseClient.open(streamUri, "Authorization", someoneElse.bearer())) {
                assertEquals(200, theirs.status(), "another user is not held back by this one's cap");
            }

            open.remove(0).close();
            awaitStreamOpens(user);
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void oneTicketPastTheMinutesCapIsRefused() throws InterruptedException {
        TestUser user = new TestDatabase().user();
        // The cap counts per calendar minute: start early in one, so that all requests fall into it.
        if (Instant.now().getEpochSecond() % 60 > 45) {
            Thread.sleep((60 - Instant.now().getEpochSecond() % 60) * 1000 + 100); // to the next minute: pacing
        }
        for (int i = 0; i < ticketsPerMinute; i++) {
            given().header("Authorization", user.bearer()).when().post("/v1/stream/tickets").then().statusCode(200);
        }
        given().header("Authorization", user.bearer())
                .when().post("/v1/stream/tickets")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("reason", is("too-many-tickets"));
    }

    /** The server learns of a closed stream when its socket closes, a moment after the client let go. */
    private void awaitStreamOpens(TestUser user) {
        Waits.waitFor("the closed stream's place given back", Duration.ofSeconds(10), Duration.ofMillis(100))
                .until(() -> {
                    try (SseClient again = SseClient.open(streamUri, "Authorization", user.bearer())) {
                        return again.status();
                    }
                }, status -> status == 200);
    }
}
