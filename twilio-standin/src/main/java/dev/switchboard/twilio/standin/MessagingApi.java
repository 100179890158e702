package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Programmable Messaging: {@code /2010-04-01/Accounts/{AccountSid}/Messages}. */
final class MessagingApi {

    static final String BASE = "/2010-04-01/Accounts/{AccountSid}/Messages";

    /** E.164, optionally behind a channel prefix such as {@code whatsapp:}. */
    private static final Pattern ADDRESS = Pattern.compile("^([a-z]+:)?\\+[1-9]\\d{1,14}$");

    private final OpenApiDescription description;
    private final StatusCallbacks statusCallbacks;
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();

    MessagingApi(OpenApiDescription description, StatusCallbacks statusCallbacks) {
        this.description = description;
        this.statusCallbacks = statusCallbacks;
    }

    void register(Routes routes) {
        routes.add("POST", BASE + ".json", this::create)
                .add("GET", BASE + "/{Sid}.json", this::fetch);
    }

    private StandInResponse create(StandInRequest request, Map<String, String> path) {
        Optional<StandInResponse> invalid = invalid(request);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String accountSid = path.get("AccountSid");
        String sid = Sids.next("SM");
        String now = TwilioTime.rfc2822(Instant.now());
        String body = request.param("Body").orElse("");
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sid", sid);
        values.put("account_sid", accountSid);
        values.put("api_version", "2010-04-01");
        values.put("body", body);
        values.put("date_created", now);
        values.put("date_updated", now);
        values.put("direction", "outbound-api");
        values.put("from", request.param("From").orElse(null));
        values.put("to", request.param("To").orElseThrow());
        values.put("messaging_service_sid", request.param("MessagingServiceSid").orElse(null));
        values.put("num_media", String.valueOf(request.params("MediaUrl").size()));
        values.put("num_segments", String.valueOf(segments(body)));
        values.put("status", "queued");
        values.put("price_unit", "USD");
        values.put("uri", uri + ".json");
        values.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        ObjectNode message = description.resource("api.v2010.account.message", values);
        messages.put(sid, message);
        request.param("StatusCallback").ifPresent(url -> statusCallbacks.schedule(url, message));
        return StandInResponse.json(201, message);
    }

    /** Twilio's checks, in Twilio's order, with Twilio's error codes. */
    private static Optional<StandInResponse> invalid(StandInRequest request) {
        Optional<String> to = request.param("To").filter(value -> !value.isBlank());
        if (to.isEmpty()) {
            return Optional.of(StandInResponse.twilioError(400, 21604, "A 'To' phone number is required."));
        }
        if (!ADDRESS.matcher(to.get()).matches()) {
            return Optional.of(StandInResponse.twilioError(400, 21211,
                    "Invalid 'To' Phone Number: " + to.get()));
        }
        if (request.param("From").isEmpty() && request.param("MessagingServiceSid").isEmpty()) {
            return Optional.of(StandInResponse.twilioError(400, 21603, "A 'From' phone number is required."));
        }
        if (List.of("Body", "MediaUrl", "ContentSid").stream()
                .allMatch(name -> request.param(name).filter(value -> !value.isEmpty()).isEmpty())) {
            return Optional.of(StandInResponse.twilioError(400, 21602, "Message body is required."));
        }
        return Optional.empty();
    }

    /** GSM-7 segments: 160 characters alone, 153 each when concatenated. */
    private static int segments(String body) {
        return body.length() <= 160 ? 1 : (body.length() + 152) / 153;
    }

    private StandInResponse fetch(StandInRequest request, Map<String, String> path) {
        return Optional.ofNullable(messages.get(path.get("Sid")))
                .filter(message -> message.path("account_sid").asText().equals(path.get("AccountSid")))
                .map(message -> StandInResponse.json(200, message))
                .orElseGet(() -> StandInResponse.notFound(request.path()));
    }
}
