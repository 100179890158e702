package dev.switchboard.sender.conversations;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.Callers;
import dev.switchboard.sender.outbound.OutboundResponses;
import dev.switchboard.sender.outbound.OutboundView;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.sender.send.IdempotencyKeys;
import dev.switchboard.sender.send.RetryBudget;
import dev.switchboard.sender.send.SendService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Messages into a Conversation: services as any author, app users only as themselves into their conversations. */
@Path("/conversations/{conversationSid}/messages")
@RolesAllowed({Caller.SERVICE_ROLE, Caller.AUTHENTICATED})
public class ConversationMessageResource {

    private final SendService sender;
    private final ConversationMembership membership;
    private final Callers callers;

    public ConversationMessageResource(SendService sender, ConversationMembership membership, Callers callers) {
        this.sender = sender;
        this.membership = membership;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Settled (sent, failed or ambiguous); Location: /outbound/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundView.class)))
    public Uni<RestResponse<OutboundView>> send(@PathParam("conversationSid") String conversationSid,
                                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                                ConversationMessageRequest request) {
        ConversationMessageRequest valid = OutboundResponses.require(request).validated(conversationSid);
        String key = IdempotencyKeys.ofHttp(callers.current().principal(), idempotencyKey);
        return membership.requireOpen(conversationSid)
                .chain(() -> author(conversationSid, valid.author()))
                .chain(author -> sender.send(valid.draft(conversationSid, author, key, callers.current().asRequester()),
                        RetryBudget.CALLER))
                .map(OutboundResponses::accepted);
    }

    private Uni<String> author(String conversationSid, String requestedAuthor) {
        return callers.current().isServiceRole()
                ? Uni.createFrom().item(requestedAuthor)
                : membership.identityIn(conversationSid, callers.current().principal())
                        .invoke(identity -> requireSelf(identity, requestedAuthor));
    }

    private static void requireSelf(String identity, String requestedAuthor) {
        if (requestedAuthor != null && !requestedAuthor.equals(identity)) {
            throw ProblemException.forbidden("not-yourself", "You may only send as yourself (" + identity + ").");
        }
    }
}
