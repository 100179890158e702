package dev.switchboard.twilio.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a request against Twilio's OpenAPI description: the operation exists, path parameters fit their patterns,
 * form parameters are the operation's, required ones are present, enum values are allowed. Findings are
 * reported, never enforced: the stand-in answers anyway, and tests assert there are none.
 */
final class OpenApiValidator {

    /** Twilio URLs that serve bytes and are therefore outside the JSON API descriptions. */
    private static final List<PathTemplate> MEDIA_CONTENT = List.of(
            PathTemplate.of("/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}"),
            PathTemplate.of("/v1/Services/{ChatServiceSid}/Media/{Sid}"),
            PathTemplate.of("/v1/Services/{ChatServiceSid}/Media/{Sid}/Content"));

    private final OpenApiDescription description;

    OpenApiValidator(OpenApiDescription description) {
        this.description = description;
    }

    List<String> violations(StandInRequest request) {
        if (request.method().equals("GET") && MEDIA_CONTENT.stream().anyMatch(t -> t.match(request.path()).isPresent())) {
            return List.of();
        }
        Optional<OpenApiDescription.Operation> operation = description.operation(request.method(), request.path());
        if (operation.isEmpty()) {
            return List.of(description.hasPath(request.path())
                    ? request.method() + " is not an operation of " + request.path() + " in Twilio's OpenAPI description"
                    : "no path " + request.path() + " in Twilio's OpenAPI description");
        }
        List<String> violations = new ArrayList<>();
        checkPath(operation.get(), request, violations);
        checkQuery(operation.get(), request, violations);
        checkForm(operation.get(), request, violations);
        return violations;
    }

    private static void checkPath(OpenApiDescription.Operation operation, StandInRequest request, List<String> violations) {
        operation.path().match(request.path()).orElseThrow().forEach((name, value) -> {
            JsonNode schema = operation.pathParams().get(name);
            if (schema != null && schema.has("pattern") && !Pattern.compile(schema.path("pattern").asText()).matcher(value).find()) {
                violations.add("path parameter " + name + "=" + value + " does not match " + schema.path("pattern").asText());
            }
        });
    }

    private static void checkQuery(OpenApiDescription.Operation operation, StandInRequest request, List<String> violations) {
        request.queryParams().keySet().stream()
                .filter(name -> !operation.queryParams().contains(name))
                .forEach(name -> violations.add("query parameter '" + name + "' is not a parameter of " + operation));
    }

    private static void checkForm(OpenApiDescription.Operation operation, StandInRequest request, List<String> violations) {
        if (operation.formProperties().isEmpty()) {
            if (!request.form().isEmpty() || request.body().length > 0) {
                violations.add(operation + " takes no request body");
            }
            return;
        }
        if (request.body().length > 0 && request.form().isEmpty()) {
            violations.add(operation + " takes an application/x-www-form-urlencoded body, got "
                    + request.header("content-type").orElse("no content type"));
        }
        Map<String, JsonNode> properties = operation.formProperties().get();
        operation.required().stream()
                .filter(name -> !request.form().containsKey(name))
                .forEach(name -> violations.add("required form parameter '" + name + "' is missing"));
        request.form().forEach((name, values) -> {
            JsonNode schema = properties.get(name);
            if (schema == null) {
                violations.add("form parameter '" + name + "' is not a parameter of " + operation);
            } else {
                checkValues(name, schema, values, violations);
            }
        });
    }

    private static void checkValues(String name, JsonNode schema, List<String> values, List<String> violations) {
        boolean array = schema.path("type").asText().equals("array");
        if (!array && values.size() > 1) {
            violations.add("form parameter '" + name + "' is given " + values.size() + " times but takes one value");
        }
        JsonNode allowed = array ? schema.path("items").path("enum") : schema.path("enum");
        if (allowed.isArray()) {
            List<String> choices = new ArrayList<>();
            allowed.forEach(choice -> choices.add(choice.asText()));
            values.stream()
                    .filter(value -> !choices.contains(value))
                    .forEach(value -> violations.add("form parameter " + name + "=" + value + " is not one of " + choices));
        }
    }
}
