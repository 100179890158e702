package dev.switchboard.sender.outbound;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.Callers;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The state of one outbound message: to its requester, or to any service. */
@Path("/outbound/{id}")
@RolesAllowed({Caller.SERVICE_ROLE, Caller.AUTHENTICATED})
public class OutboundResource {

    private final OutboundLog log;
    private final Callers callers;

    public OutboundResource(OutboundLog log, Callers callers) {
        this.log = log;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<OutboundView> get(@PathParam("id") String id) {
        return log.find(parse(id))
                .map(row -> row != null && visible(row) ? OutboundView.of(row) : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("outbound-not-found", "No outbound message " + id + "."));
    }

    /** Another user's message answers 404, like a missing one: its existence is not theirs to learn. */
    private boolean visible(OutboundMessage row) {
        return callers.current().isServiceRole() || callers.current().asRequester().equals(row.requestedBy);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.notFound("outbound-not-found", "No outbound message " + id + ".");
        }
    }
}
