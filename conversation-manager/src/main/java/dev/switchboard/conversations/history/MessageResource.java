package dev.switchboard.conversations.history;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.Callers;
import dev.switchboard.conversations.media.MediaStore;
import dev.switchboard.conversations.media.StoredMedia;
import dev.switchboard.events.client.ClientMessage;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.problem.QueryParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Message history, each message in the one client shape ({@link ClientMessage}, as the stream shows it). A message is
 * named by its SID, or by its numeric row id for links made before. One the caller may not read answers 404, exactly
 * like one that does not exist, so SIDs and ids of other people's messages leak nothing.
 */
@Path("/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    static final int MAX_LIMIT = 100;
    /** Offset paging walks every skipped row: deeper pages are refused (400) rather than served slowly. */
    static final int MAX_OFFSET = 10_000;

    private final MessageRepository messages;
    private final MediaStore media;
    private final Callers callers;

    public MessageResource(MessageRepository messages, MediaStore media, Callers callers) {
        this.messages = messages;
        this.media = media;
        this.callers = callers;
    }

    /** Newest first; {@code from_number} matches {@code whatsapp:+1…} or the bare {@code +1…}. */
    @GET
    public Uni<List<ClientMessage>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("from_number") String fromNumber) {
        return page(messages, callers.current(), limit, offset, fromNumber);
    }

    /** The paging rules of every message list ({@code /messages}, {@code /me/messages}). */
    static Uni<List<ClientMessage>> page(MessageRepository messages, Caller caller, String limit,
            String offset, String fromNumber) {
        return messages.page(caller, fromNumber,
                Math.min(QueryParams.boundedInt("limit", limit, 10, 1, Integer.MAX_VALUE), MAX_LIMIT),
                QueryParams.boundedInt("offset", offset, 0, 0, MAX_OFFSET));
    }

    /** @param id the message SID, or the numeric row id */
    @GET
    @Path("/{id}")
    public Uni<ClientMessage> get(@PathParam("id") String id) {
        return messages.find(callers.current(), id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("message-not-found", "no message " + id));
    }

    /** @param id the message SID, or the numeric row id */
    @GET
    @Path("/{id}/media/{index}")
    @Produces({ MediaType.WILDCARD, MediaType.APPLICATION_JSON })
    public Uni<Response> media(@PathParam("id") String id, @PathParam("index") int index,
            @QueryParam("as_base64") @DefaultValue("false") boolean asBase64) {
        return get(id)
                .chain(message -> media.get(message.messageSid(), index))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("media-not-found",
                        "message " + id + " has no stored media item " + index))
                .map(item -> asBase64 ? base64(item) : raw(item));
    }

    private static Response raw(StoredMedia item) {
        // The type is the one the bytes proved (MediaTypes); nosniff keeps browsers from guessing another.
        return Response.ok(item.bytes(), item.contentType()).header("X-Content-Type-Options", "nosniff").build();
    }

    private static Response base64(StoredMedia item) {
        return Response.ok(Map.of("content_type", item.contentType(), "data",
                Base64.getEncoder().encodeToString(item.bytes())), MediaType.APPLICATION_JSON).build();
    }
}
