package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Twilio's own OpenAPI descriptions of the Messaging and Conversations APIs, bundled with the stand-in. */
final class OpenApiDescription {

    private static final List<String> FILES = List.of("twilio_api_v2010.json", "twilio_conversations_v1.json");

    /** One method on one path template, with what its form body and parameters may hold. */
    record Operation(String method, PathTemplate path, Map<String, JsonNode> pathParams, Set<String> queryParams,
                     Optional<Map<String, JsonNode>> formProperties, Set<String> required) {

        @Override
        public String toString() {
            return method + " " + path.template();
        }
    }

    private static volatile OpenApiDescription bundled;

    private final List<JsonNode> documents;
    private final List<Operation> operations;

    private OpenApiDescription(List<JsonNode> documents) {
        this.documents = documents;
        this.operations = new ArrayList<>();
        documents.forEach(document -> document.path("paths").fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                        operations.add(operation(document, op.getKey(), path.getKey(), op.getValue()));
                    }
                })));
        // Where two templates match one path, the one with fewer placeholders is the more specific.
        operations.sort(Comparator.comparingInt(op -> op.path().names().size()));
    }

    /** The descriptions in this jar, read once per JVM. */
    static OpenApiDescription bundled() {
        if (bundled == null) {
            synchronized (OpenApiDescription.class) {
                if (bundled == null) {
                    bundled = new OpenApiDescription(FILES.stream().map(OpenApiDescription::read).toList());
                }
            }
        }
        return bundled;
    }

    Optional<Operation> operation(String method, String path) {
        return operations.stream()
                .filter(op -> op.method().equals(method) && op.path().pattern().matcher(path).matches())
                .findFirst();
    }

    boolean hasPath(String path) {
        return operations.stream().anyMatch(op -> op.path().pattern().matcher(path).matches());
    }

    /**
     * A resource with every property of the named schema, in the schema's order, null where {@code values} has none:
     * the SDK then finds each field it parses, as it would from Twilio.
     */
    ObjectNode resource(String schemaName, Map<String, ?> values) {
        JsonNode properties = schema(schemaName).path("properties");
        ObjectNode resource = Json.object();
        properties.fieldNames().forEachRemaining(name -> resource.set(name, Json.MAPPER.valueToTree(values.get(name))));
        Set<String> unknown = new HashSet<>(values.keySet());
        properties.fieldNames().forEachRemaining(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(schemaName + " has no properties " + unknown);
        }
        return resource;
    }

    /** {@code stored} seen through the named schema: its properties only, null where {@code stored} has none. */
    ObjectNode project(String schemaName, JsonNode stored) {
        ObjectNode resource = Json.object();
        schema(schemaName).path("properties").fieldNames()
                .forEachRemaining(name -> resource.set(name, stored.has(name) ? stored.get(name) : NullNode.getInstance()));
        return resource;
    }

    private JsonNode schema(String name) {
        return documents.stream()
                .map(document -> document.path("components").path("schemas").path(name))
                .filter(schema -> !schema.isMissingNode())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schema " + name));
    }

    private static Operation operation(JsonNode document, String method, String template, JsonNode op) {
        Map<String, JsonNode> pathParams = new LinkedHashMap<>();
        Set<String> queryParams = new HashSet<>();
        for (JsonNode param : op.path("parameters")) {
            JsonNode resolved = resolve(document, param);
            String in = resolved.path("in").asText();
            if (in.equals("path")) {
                pathParams.put(resolved.path("name").asText(), resolve(document, resolved.path("schema")));
            } else if (in.equals("query")) {
                queryParams.add(resolved.path("name").asText());
            }
        }
        JsonNode form = op.path("requestBody").path("content").path("application/x-www-form-urlencoded").path("schema");
        Optional<Map<String, JsonNode>> formProperties = Optional.empty();
        Set<String> required = new HashSet<>();
        if (!form.isMissingNode()) {
            Map<String, JsonNode> properties = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = resolve(document, form).path("properties").fields();
            fields.forEachRemaining(field -> properties.put(field.getKey(), resolve(document, field.getValue())));
            formProperties = Optional.of(properties);
            form.path("required").forEach(name -> required.add(name.asText()));
        }
        return new Operation(method.toUpperCase(Locale.ROOT), PathTemplate.of(template), pathParams, queryParams,
                formProperties, required);
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static JsonNode read(String file) {
        try (InputStream in = OpenApiDescription.class.getResourceAsStream("/twilio-openapi/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource twilio-openapi/" + file);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
