package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stand-in's own API under {@code /_standin}: the request log, scripted answers, media bytes, violations, the
 * Message resources it holds, and the webhooks it sent. Dropping webhooks is {@link DropsApi}'s.
 */
final class ControlApi {

    static final String PREFIX = "/_standin";

    private final RequestLog log;
    private final ScriptedAnswers scripts;
    private final MediaStore media;
    private final MessagingStore messages;
    private final WebhookDeliveries webhooks;
    private final WebhookDrops drops;

    ControlApi(RequestLog log, ScriptedAnswers scripts, MediaStore media, MessagingStore messages,
               WebhookDeliveries webhooks, WebhookDrops drops) {
        this.log = log;
        this.scripts = scripts;
        this.media = media;
        this.messages = messages;
        this.webhooks = webhooks;
        this.drops = drops;
    }

    void register(Routes routes) {
        routes.add("GET", PREFIX + "/requests", this::requests)
                .add("DELETE", PREFIX + "/requests", this::clear)
                .add("GET", PREFIX + "/violations", (request, path) -> StandInResponse.json(200, log.withViolations()))
                .add("POST", PREFIX + "/script", this::script)
                .add("PUT", PREFIX + "/media/{Sid}", this::putMedia)
                .add("GET", PREFIX + "/messages", this::messages)
                .add("GET", PREFIX + "/webhooks", (request, path) -> StandInResponse.json(200, webhooks.attempts()));
    }

    /** Every Message resource, oldest first; {@code to} and {@code from} filter exactly. */
    private StandInResponse messages(StandInRequest request, Map<String, String> path) {
        return StandInResponse.json(200, messages.all().stream()
                .filter(message -> request.queryParam("to").map(message.path("to").asText()::equals).orElse(true))
                .filter(message -> request.queryParam("from").map(message.path("from").asText()::equals).orElse(true))
                .toList());
    }

    private StandInResponse requests(StandInRequest request, Map<String, String> path) {
        return StandInResponse.json(200, log.under(request.queryParam("pathPrefix").orElse("")));
    }

    private StandInResponse clear(StandInRequest request, Map<String, String> path) {
        log.clear();
        scripts.clear();
        webhooks.clear();
        drops.clear();
        return StandInResponse.noContent();
    }

    private StandInResponse script(StandInRequest request, Map<String, String> path) {
        try {
            JsonNode json = Json.MAPPER.readTree(request.body());
            if (json == null || !json.isObject() || !json.path("pathRegex").isTextual()) {
                return StandInResponse.problem(400, "Invalid script", "a JSON object with a string pathRegex is required");
            }
            if (!json.has("status") && !json.has("delayMs")) {
                return StandInResponse.problem(400, "Invalid script", "a script needs a status, a delayMs or both");
            }
            scripts.add(script(json));
            return StandInResponse.json(201, json);
        } catch (IOException | IllegalArgumentException e) {
            return StandInResponse.problem(400, "Invalid script", e.getMessage());
        }
    }

    private static Script script(JsonNode json) {
        Map<String, String> headers = new LinkedHashMap<>();
        json.path("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        int times = json.path("times").asInt(1);
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return new Script(
                Optional.ofNullable(json.get("method")).map(JsonNode::asText),
                Pattern.compile(json.path("pathRegex").asText()),
                Optional.ofNullable(json.get("status")).filter(JsonNode::isInt).map(JsonNode::asInt),
                headers,
                Optional.ofNullable(json.get("body")).filter(body -> !body.isNull()),
                times,
                Math.max(0, json.path("delayMs").asLong(0)));
    }

    private StandInResponse putMedia(StandInRequest request, Map<String, String> path) {
        String contentType = request.header("content-type").orElse("application/octet-stream");
        String filename = request.queryParam("filename").orElse(null);
        media.put(new MediaStore.Media(path.get("Sid"), contentType, filename, request.body()));
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("sid", path.get("Sid"));
        stored.put("content_type", contentType);
        stored.put("filename", filename);
        stored.put("size", request.body().length);
        return StandInResponse.json(201, stored);
    }
}
