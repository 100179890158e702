package dev.switchboard.conversations.gigs;

import dev.switchboard.auth.Caller;
import dev.switchboard.problem.QueryParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import dev.switchboard.auth.Callers;

/**
 * {@code GET /conversations?limit=}: the gig conversations the signed-in user takes part in now, newest first, each
 * with its participants and latest message — how an app finds the conversations to show. The service role gets all.
 */
@Path("/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ConversationListResource {

    static final int MAX_LIMIT = 200;

    private final GigConversations gigs;
    private final Callers callers;

    public ConversationListResource(GigConversations gigs, Callers callers) {
        this.gigs = gigs;
        this.callers = callers;
    }

    @GET
    public Uni<Conversations> list(@QueryParam("limit") String limit) {
        return gigs.listFor(callers.current(), Math.min(QueryParams.boundedInt("limit", limit, 50, 1, Integer.MAX_VALUE), MAX_LIMIT))
                .map(Conversations::new);
    }

    /** The answer's body: an object, so that paging fields can be added without breaking clients. */
    public record Conversations(List<GigConversationView> conversations) {
    }
}
