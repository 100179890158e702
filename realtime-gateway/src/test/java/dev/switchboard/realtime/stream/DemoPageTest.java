package dev.switchboard.realtime.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoPageTest {

    @Test
    void demoPageOpensTheStreamWithATicket() {
        given().when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/v1/stream/tickets"))
                .body(containsString("new EventSource('/v1/stream?ticket="));
    }
}
