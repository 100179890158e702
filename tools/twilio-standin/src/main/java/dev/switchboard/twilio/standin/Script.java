package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scripted answer, as posted to {@code /_standin/script}.
 *
 * @param method    the HTTP method it applies to; empty for any
 * @param pathRegex found anywhere in the request path
 * @param status    the status to answer; empty to answer normally, only {@code delayMs} later
 * @param body      the body to answer (JSON; a JSON string is sent as text); empty for Twilio's error body
 * @param times     how many matching requests get this answer
 */
record Script(Optional<String> method, Pattern pathRegex, Optional<Integer> status, Map<String, String> headers,
              Optional<JsonNode> body, int times, long delayMs) {

    boolean matches(StandInRequest request) {
        return method.map(m -> m.equalsIgnoreCase(request.method())).orElse(true)
                && pathRegex.matcher(request.path()).find();
    }

    /** The scripted answer, or empty when the request is to be answered normally after the delay. */
    Optional<StandInResponse> response() {
        return status.map(code -> {
            StandInResponse response = body.map(node -> node.isTextual()
                            ? StandInResponse.bytes(code, "text/plain", node.asText().getBytes(StandardCharsets.UTF_8))
                            : StandInResponse.json(code, node))
                    .orElseGet(() -> code >= 400
                            ? StandInResponse.twilioError(code, 20000 + code, "Scripted answer " + code)
                            : StandInResponse.json(code, Json.object()));
            for (Map.Entry<String, String> header : headers.entrySet()) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response;
        });
    }
}
