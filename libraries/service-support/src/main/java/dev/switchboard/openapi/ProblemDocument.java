package dev.switchboard.openapi;

import dev.switchboard.problem.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every service's OpenAPI document shares: the RFC 9457 {@code Problem} schema, and each operation's refusals
 * declared as {@code application/problem+json} (400 where it takes parameters or a body, 401/403 where it is secured,
 * 404 where it names a resource by path, and {@code default} for the rest). Registered by {@code mp.openapi.filter} in
 * service-support's {@code META-INF/microprofile-config.properties}.
 */
public class ProblemDocument implements OASFilter {

    public static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            boolean pathParams = path.getKey().contains("{");
            boolean pathSecured = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
            operations.values().forEach(operation -> declareProblems(operation, pathParams, pathSecured));
        }
    }

    private static void declareProblems(Operation operation, boolean pathParams, boolean documentSecured) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean takesInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || operation.getRequestBody() != null;
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty() : documentSecured;
        if (takesInput) {
            problem(responses, "400", "Malformed or out-of-range input");
        }
        if (secured) {
            problem(responses, "401", "Missing, expired or invalid bearer token");
            problem(responses, "403", "The caller may not do this");
        }
        if (pathParams) {
            problem(responses, "404", "No such resource");
        }
        problem(responses, "default", "Any other refusal or failure");
    }

    private static void problem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            // e.g. Quarkus' automatic 401/403 of a secured operation: declared, but without the body it gets
            var declared = responses.getAPIResponse(status);
            if (declared.getRef() == null && (declared.getContent() == null
                    || declared.getContent().getMediaTypes() == null || declared.getContent().getMediaTypes().isEmpty())) {
                declared.content(problemContent());
            }
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(problemContent()));
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .description("An RFC 9457 problem; further members (e.g. twilio_code, violations) may follow.")
                .addType(Schema.SchemaType.OBJECT)
                .required(List.of("type", "title", "status", "reason"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("urn:switchboard:problem:<reason>"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("reason", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A stable machine-readable code"))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }
}
