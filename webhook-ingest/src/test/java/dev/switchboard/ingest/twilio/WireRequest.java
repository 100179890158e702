package dev.switchboard.ingest.twilio;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A webhook as bytes on the wire; the {@code with*} methods give a copy with one part replaced, as an attacker would. */
record WireRequest(String path, byte[] body, Map<String, String> headers) {

    static final String SIGNATURE = "X-Twilio-Signature";

    WireRequest withPath(String otherPath) {
        return new WireRequest(otherPath, body, headers);
    }

    WireRequest withBody(byte[] otherBody) {
        return new WireRequest(path, otherBody, headers);
    }

    WireRequest withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.put(name, value);
        return new WireRequest(path, body, changed);
    }

    String signature() {
        return headers.get(SIGNATURE);
    }

    /**
     * The path goes out exactly as signed (an encoded query stays encoded once); the body byte for byte, as ISO-8859-1
     * text (one char per byte), since REST Assured encodes a form body only from text.
     */
    Response post() {
        return given()
                .urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded; charset=ISO-8859-1")
                .headers(headers)
                .body(new String(body, StandardCharsets.ISO_8859_1))
                .post(path);
    }
}
