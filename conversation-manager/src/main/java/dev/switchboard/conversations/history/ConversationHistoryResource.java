package dev.switchboard.conversations.history;

import dev.switchboard.auth.Caller;
import dev.switchboard.problem.QueryParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import dev.switchboard.auth.Callers;

/**
 * {@code GET /conversations/{conversationKey}/messages?after=&limit=}: catch-up from the cursor a client's realtime
 * stream stopped at, each event in the shape the stream sends ({@code ClientEvent}). The key is a ConversationSid, or an
 * SMS/WhatsApp pair {@code a|b} (URL-encoded).
 */
@Path("/conversations/{conversationKey}/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ConversationHistoryResource {

    private final ConversationHistory history;
    private final Callers callers;

    public ConversationHistoryResource(ConversationHistory history, Callers callers) {
        this.history = history;
        this.callers = callers;
    }

    @GET
    public Uni<HistoryPage> page(@PathParam("conversationKey") String conversationKey,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        return history.page(callers.current(), conversationKey, after,
                Math.min(QueryParams.boundedInt("limit", limit, 50, 1, Integer.MAX_VALUE), MessageResource.MAX_LIMIT));
    }
}
