package dev.switchboard.sender.messages;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.Callers;
import dev.switchboard.sender.outbound.OutboundResponses;
import dev.switchboard.sender.outbound.OutboundView;
import dev.switchboard.sender.send.IdempotencyKeys;
import dev.switchboard.sender.send.RetryBudget;
import dev.switchboard.sender.send.SendService;
import dev.switchboard.sender.send.Senders;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * SMS and WhatsApp to any number: {@code service_role} only. App users send into conversations they belong to
 * ({@code POST /conversations/{sid}/messages}); letting them text arbitrary numbers would make the service a spam relay.
 */
@Path("/messages")
@RolesAllowed(Caller.SERVICE_ROLE)
public class MessageResource {

    private final SendService sender;
    private final Senders senders;
    private final Callers callers;

    public MessageResource(SendService sender, Senders senders, Callers callers) {
        this.sender = sender;
        this.senders = senders;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Settled (sent, failed or ambiguous); Location: /outbound/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutboundView.class)))
    public Uni<RestResponse<OutboundView>> send(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                                MessageRequest request) {
        MessageRequest valid = OutboundResponses.require(request).validated();
        return sender.send(valid.draft(IdempotencyKeys.ofHttp(callers.current().principal(), idempotencyKey),
                        senders.from(valid.channel()), callers.current().asRequester()), RetryBudget.CALLER)
                .map(OutboundResponses::accepted);
    }
}
