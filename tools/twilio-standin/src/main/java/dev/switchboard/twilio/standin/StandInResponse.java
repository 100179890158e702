package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the stand-in answers. */
record StandInResponse(int status, Map<String, String> headers, byte[] body) {

    private static final ObjectMapper JSON = Json.MAPPER;

    static StandInResponse json(int status, Object value) {
        return bytes(status, "application/json", serialize(value));
    }

    static StandInResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new StandInResponse(status, headers, body);
    }

    static StandInResponse noContent() {
        return new StandInResponse(204, Map.of(), new byte[0]);
    }

    /** Twilio's error body, which the SDK turns into an {@code ApiException} with this code and status. */
    static StandInResponse twilioError(int status, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", status);
        return json(status, error);
    }

    static StandInResponse notFound(String path) {
        return twilioError(404, 20404, "The requested resource " + path + " was not found");
    }

    /** Errors of the stand-in's own control API (RFC 9457). */
    static StandInResponse problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return bytes(status, "application/problem+json", serialize(problem));
    }

    StandInResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new StandInResponse(status, copy, body);
    }

    private static byte[] serialize(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
