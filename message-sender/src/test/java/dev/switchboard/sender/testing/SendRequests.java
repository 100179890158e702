package dev.switchboard.sender.testing;

import static io.restassured.RestAssured.given;

import dev.switchboard.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds {@code POST /messages} bodies: a valid SMS to a fresh number unless told otherwise. */
public final class SendRequests {

    private final Map<String, Object> body = new HashMap<>();
    private String idempotencyKey = UUID.randomUUID().toString();
    private String token = TestTokens.serviceRole();

    private SendRequests() {
        body.put("to", Numbers.unique());
        body.put("channel", "sms");
        body.put("body", "Your task is done: +10 points");
    }

    public static SendRequests sms() {
        return new SendRequests();
    }

    public static SendRequests whatsapp() {
        return new SendRequests().with("channel", "whatsapp");
    }

    public SendRequests with(String field, Object value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }

    public SendRequests media(String... urls) {
        return with("mediaUrls", List.of(urls));
    }

    public SendRequests idempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    public SendRequests token(String token) {
        this.token = token;
        return this;
    }

    public String to() {
        return (String) body.get("to");
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Response post() {
        return given().auth().oauth2(token).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(body)
                .post("/messages");
    }

    /** Posts and expects it accepted. */
    public ValidatableResponse accepted() {
        return post().then().statusCode(202);
    }
}
