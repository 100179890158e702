package dev.switchboard.conversations.history;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Declares in the OpenAPI document what the client shapes promise: every member of a {@code ClientMessage} and a
 * {@code ClientMedia} is always present (required), and may be null unless listed here. The records live in
 * event-contract, which carries no OpenAPI annotations (the realtime gateway and Kafka consumers use it too), so the
 * scanner alone would declare them non-null and optional.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ClientShapeDocument implements OASFilter {

    /** Per schema, the members that are never null: lists are empty rather than null, the key is always derived. */
    private static final Map<String, Set<String>> NEVER_NULL = Map.of(
            "ClientMessage", Set.of("conversation_key", "num_media", "media_items", "storage_urls"),
            "ClientMedia", Set.of("index"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        NEVER_NULL.forEach((name, neverNull) -> {
            Schema schema = openAPI.getComponents().getSchemas().get(name);
            if (schema != null && schema.getProperties() != null) {
                declare(schema, neverNull);
            }
        });
    }

    private static void declare(Schema schema, Set<String> neverNull) {
        schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        for (Map.Entry<String, Schema> member : new ArrayList<>(schema.getProperties().entrySet())) {
            if (!neverNull.contains(member.getKey())) {
                schema.addProperty(member.getKey(), nullable(member.getValue()));
            }
        }
    }

    /** A typed schema gains the type null; a reference (e.g. to {@code Instant}) becomes "that or null". */
    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            return OASFactory.createSchema().anyOf(List.of(OASFactory.createSchema().ref(property.getRef()),
                    OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
        }
        if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
        }
        return property;
    }
}
