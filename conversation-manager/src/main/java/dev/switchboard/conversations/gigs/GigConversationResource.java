package dev.switchboard.conversations.gigs;

import dev.switchboard.auth.Caller;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import dev.switchboard.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.switchboard.auth.Callers;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Gig conversations are run by the app's backend and operators ({@code service_role} tokens); a participant reads
 * their gig's conversation.
 */
@Path("/gigs/{gigId}/conversation")
@RolesAllowed(Caller.SERVICE_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GigConversationResource {

    private final GigConversations gigs;
    private final Callers callers;

    public GigConversationResource(GigConversations gigs, Callers callers) {
        this.gigs = gigs;
        this.callers = callers;
    }

    /** Idempotent: the first call creates the Twilio Conversation, later calls add missing participants. */
    @PUT
    public Uni<GigConversationView> open(@PathParam("gigId") String gigId, OpenGigConversation request) {
        return gigs.open(gigId, request == null ? new OpenGigConversation(null, null) : request);
    }

    /** The service role and the conversation's current participants; anyone else is answered as for no gig. */
    @GET
    @Authenticated
    public Uni<GigConversationView> get(@PathParam("gigId") String gigId) {
        return gigs.readableBy(callers.current(), gigId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("gig-conversation-not-found",
                        "gig " + gigId + " has no conversation you take part in"));
    }

    /** Closes the conversation on Twilio; the mapping and the history stay. */
    @DELETE
    public Uni<GigConversationView> close(@PathParam("gigId") String gigId) {
        return gigs.close(gigId);
    }

    @POST
    @Path("/participants")
    @ResponseStatus(201)
    public Uni<TwilioParticipant> addParticipant(@PathParam("gigId") String gigId, ParticipantRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("invalid-participant", "a participant body is required");
        }
        return gigs.addParticipant(gigId, request);
    }

    @DELETE
    @Path("/participants/{participantSid}")
    public Uni<Void> removeParticipant(@PathParam("gigId") String gigId,
            @PathParam("participantSid") String participantSid) {
        return gigs.removeParticipant(gigId, participantSid);
    }
}
