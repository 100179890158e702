package dev.switchboard.conversations.history;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.Callers;
import dev.switchboard.events.client.ClientMessage;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /me/messages}: the signed-in user's messages, with the paging and answer of {@code GET /messages}. An app
 * that means "mine" says so here, and a service token used by mistake gets a 403 problem instead of everyone's messages.
 */
@Path("/me/messages")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MyMessagesResource {

    private final MessageRepository messages;
    private final Callers callers;

    public MyMessagesResource(MessageRepository messages, Callers callers) {
        this.messages = messages;
        this.callers = callers;
    }

    @GET
    public Uni<List<ClientMessage>> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
            @QueryParam("from_number") String fromNumber) {
        Caller caller = callers.current();
        caller.requireUser(); // 403 user-only for the service role, which has no messages of its own
        return MessageResource.page(messages, caller, limit, offset, fromNumber);
    }
}
