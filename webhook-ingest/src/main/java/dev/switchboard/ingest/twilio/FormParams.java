package dev.switchboard.ingest.twilio;

import dev.switchboard.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body, decoded from the raw bytes Twilio sent, in
 * order, repeated and unknown names included: the signature covers every one of them.
 */
public final class FormParams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map.Entry<String, String>> params;
    /** Each name's first value: the normalizers look up a dozen names per webhook. */
    private final Map<String, String> firstValues;

    private FormParams(List<Map.Entry<String, String>> params) {
        this.params = List.copyOf(params);
        this.firstValues = new HashMap<>();
        params.forEach(param -> firstValues.putIfAbsent(param.getKey(), param.getValue()));
    }

    /** @throws ProblemException 400 when the body is not valid form encoding */
    public static FormParams parse(String body) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.add(eq < 0 ? Map.entry(decode(pair), "") : Map.entry(decode(pair.substring(0, eq)),
                        decode(pair.substring(eq + 1))));
            }
        }
        return new FormParams(params);
    }

    /**
     * A JSON webhook's top-level members as parameters: text as is, numbers and booleans as written, objects and
     * arrays as their JSON text (as Twilio's form webhooks carry {@code Media} or {@code Attributes}).
     *
     * @throws ProblemException 400 when the body is not a JSON object
     */
    public static FormParams ofJson(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new ProblemException(400, "malformed-body", "Malformed JSON body", "a JSON webhook is an object");
            }
            List<Map.Entry<String, String>> params = new ArrayList<>();
            root.fields().forEachRemaining(field -> params.add(Map.entry(field.getKey(),
                    field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
            return new FormParams(params);
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "malformed-body", "Malformed JSON body", "the body is not JSON");
        }
    }

    /** Whether a name or value holds U+0000, which PostgreSQL text (and so the message store) cannot hold. */
    public boolean containsNul() {
        return params.stream().anyMatch(param -> param.getKey().indexOf(0) >= 0 || param.getValue().indexOf(0) >= 0);
    }

    /** How many parameters were posted, repeated names counted each time. */
    public int size() {
        return params.size();
    }

    /** The first value of a parameter, or null. */
    public String get(String name) {
        return firstValues.get(name);
    }

    /** Every parameter as posted, in order, repeated names once per value. */
    public List<Map.Entry<String, String>> entries() {
        return params;
    }

    /** Every parameter for the event; a repeated name (Twilio sends none today) keeps its values joined by commas. */
    public Map<String, String> asMap() {
        return params.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                (first, next) -> first + "," + next, LinkedHashMap::new));
    }

    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded; // nothing to decode; URLDecoder would still copy it char by char
        }
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "malformed-body", "Malformed form body",
                    "the body is not application/x-www-form-urlencoded: " + e.getMessage());
        }
    }
}
