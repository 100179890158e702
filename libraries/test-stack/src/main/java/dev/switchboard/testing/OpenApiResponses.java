package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks real response bodies against the schema a service's own OpenAPI document declares for that path, method,
 * status and media type: types (and nullability), required members, properties (recursively), array items, enums,
 * {@code $ref}, {@code allOf}/{@code anyOf}/{@code oneOf}, {@code additionalProperties: false}. Small on purpose:
 * it checks the shapes clients rely on, not every JSON Schema keyword.
 */
public final class OpenApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;

    private OpenApiResponses(JsonNode document) {
        this.document = document;
    }

    public static OpenApiResponses of(String documentJson) {
        try {
            return new OpenApiResponses(JSON.readTree(documentJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON OpenAPI document", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /**
     * The violations of {@code body} against the schema declared for {@code method pathTemplate} answering
     * {@code status} with {@code mediaType} (falling back to the {@code default} response); a missing declaration is
     * itself a violation.
     */
    public List<String> violations(String method, String pathTemplate, int status, String mediaType, String body) {
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            return List.of("the document has no operation " + method + " " + pathTemplate);
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.path("default");
        if (response.isMissingNode()) {
            return List.of(method + " " + pathTemplate + " declares no response " + status + " (nor a default)");
        }
        response = resolve(response);
        JsonNode content = response.path("content");
        String type = mediaType.split(";")[0].trim();
        if (!content.has(type)) {
            return List.of(method + " " + pathTemplate + " " + status + " declares no content " + type + " (declared: "
                    + fieldNames(content) + ")");
        }
        JsonNode schema = content.get(type).path("schema");
        if (!type.endsWith("json")) {
            return List.of(); // TwiML, SSE, bytes: the declared media type is what clients rely on
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return List.of(method + " " + pathTemplate + " " + status + " answered a body that is not JSON: " + body);
        }
        List<String> violations = new ArrayList<>();
        check(schema, instance, "$", violations);
        return violations;
    }

    private JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node.has("$ref") && hops++ < 20) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("external $ref " + ref);
            }
            JsonNode target = document;
            for (String segment : ref.substring(2).split("/")) {
                target = target.path(segment.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                throw new IllegalStateException("dangling $ref " + ref);
            }
            node = target;
        }
        return node;
    }

    private void check(JsonNode schemaNode, JsonNode value, String at, List<String> violations) {
        if (schemaNode == null || schemaNode.isMissingNode() || schemaNode.isBoolean()) {
            return;
        }
        JsonNode schema = resolve(schemaNode);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, violations);
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.has(combinator)) {
                boolean any = false;
                for (JsonNode part : schema.get(combinator)) {
                    List<String> tried = new ArrayList<>();
                    check(part, value, at, tried);
                    any |= tried.isEmpty();
                }
                if (!any) {
                    violations.add(at + ": matches none of " + combinator);
                }
            }
        }
        List<String> types = types(schema);
        if (value.isNull()) {
            if (!types.isEmpty() && !types.contains("null") && !schema.path("nullable").asBoolean(false)) {
                violations.add(at + ": null where the schema says " + types);
            }
            return;
        }
        if (!types.isEmpty() && types.stream().noneMatch(t -> fits(t, value))) {
            violations.add(at + ": " + kind(value) + " where the schema says " + types);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode choice : schema.get("enum")) {
                listed |= choice.equals(value) || choice.asText().equals(value.asText());
            }
            if (!listed) {
                violations.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    violations.add(at + ": required member '" + required.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                if (properties.has(member.getKey())) {
                    check(properties.get(member.getKey()), member.getValue(), at + "." + member.getKey(), violations);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean()) {
                    violations.add(at + ": member '" + member.getKey() + "' is not declared");
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), member.getValue(), at + "." + member.getKey(), violations);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", violations);
            }
        }
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /** Throws with every violation listed, for tests. */
    public void assertConforms(String method, String pathTemplate, int status, String mediaType, String body) {
        List<String> violations = violations(method, pathTemplate, status, mediaType, body);
        if (!violations.isEmpty()) {
            throw new AssertionError(method + " " + pathTemplate + " " + status + " does not conform to /q/openapi:\n  "
                    + String.join("\n  ", violations) + "\nbody: " + Optional.ofNullable(body).orElse(""));
        }
    }
}
