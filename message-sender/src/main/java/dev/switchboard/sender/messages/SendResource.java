package dev.switchboard.sender.messages;

import dev.switchboard.auth.Caller;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.sender.conversations.ConversationMembership;
import dev.switchboard.sender.conversations.ConversationMessageRequest;
import dev.switchboard.sender.outbound.OutboundResponses;
import dev.switchboard.sender.outbound.OutboundView;
import dev.switchboard.sender.send.CallerSends;
import dev.switchboard.sender.send.Senders;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Every send over HTTP, answered 202 once settled (sent, failed or ambiguous) with the outbound row at
 * {@code Location: /outbound/{id}}:
 * <ul>
 * <li>{@code POST /messages}: SMS and WhatsApp to any number, {@code service_role} only; letting app users text
 * arbitrary numbers would make the service a spam relay.</li>
 * <li>{@code POST /conversations/{sid}/messages}: into a Conversation, services as any author, app users only as
 * themselves into their conversations.</li>
 * </ul>
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SendResource {

    private final CallerSends sends;
    private final Senders senders;
    private final ConversationMembership membership;

    public SendResource(CallerSends sends, Senders senders, ConversationMembership membership) {
        this.sends = sends;
        this.senders = senders;
        this.membership = membership;
    }

    @POST
    @Path("messages")
    @RolesAllowed(Caller.SERVICE_ROLE)
    @APIResponse(responseCode = "202", description = "Settled (sent, failed or ambiguous); Location: /outbound/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundView.class)))
    public Uni<RestResponse<OutboundView>> send(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                                MessageRequest request) {
        MessageRequest valid = OutboundResponses.require(request).validated();
        return sends.send(valid.draft(sends.idempotencyKey(idempotencyKey), senders.from(valid.channel()),
                sends.requester()));
    }

    @POST
    @Path("conversations/{conversationSid}/messages")
    @RolesAllowed({Caller.SERVICE_ROLE, Caller.AUTHENTICATED})
    @APIResponse(responseCode = "202", description = "Settled (sent, failed or ambiguous); Location: /outbound/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundView.class)))
    public Uni<RestResponse<OutboundView>> sendIntoConversation(@PathParam("conversationSid") String conversationSid,
                                                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                                                ConversationMessageRequest request) {
        ConversationMessageRequest valid = OutboundResponses.require(request).validated(conversationSid);
        String key = sends.idempotencyKey(idempotencyKey);
        return membership.requireOpen(conversationSid)
                .chain(() -> author(conversationSid, valid.author()))
                .chain(author -> sends.send(valid.draft(conversationSid, author, key, sends.requester())));
    }

    private Uni<String> author(String conversationSid, String requestedAuthor) {
        return sends.caller().isServiceRole()
                ? Uni.createFrom().item(requestedAuthor)
                : membership.identityIn(conversationSid, sends.caller().principal())
                        .invoke(identity -> requireSelf(identity, requestedAuthor));
    }

    private static void requireSelf(String identity, String requestedAuthor) {
        if (requestedAuthor != null && !requestedAuthor.equals(identity)) {
            throw ProblemException.forbidden("not-yourself", "You may only send as yourself (" + identity + ").");
        }
    }
}
