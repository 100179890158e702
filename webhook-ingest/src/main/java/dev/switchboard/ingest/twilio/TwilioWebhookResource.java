package dev.switchboard.ingest.twilio;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Twilio's webhooks. The body is taken raw (not through form parameters) so that the signature is checked over
 * exactly what Twilio sent and Quarkus' 2 KB form-attribute limit never applies.
 */
@Path("/")
@Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON })
public class TwilioWebhookResource {

    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final WebhookIntake intake;
    private final MessagingEvents messaging;
    private final ConversationsEvents conversations;
    private final StatusEvents status;

    public TwilioWebhookResource(WebhookIntake intake, MessagingEvents messaging, ConversationsEvents conversations,
            StatusEvents status) {
        this.intake = intake;
        this.messaging = messaging;
        this.conversations = conversations;
        this.status = status;
    }

    /** Inbound SMS, MMS and WhatsApp; the empty TwiML tells Twilio not to reply on its own. */
    @POST
    @Path("webhooks/twilio/messaging")
    @Produces(MediaType.TEXT_XML)
    public Uni<String> messaging(byte[] body, @Context HttpServerRequest request) {
        return intake.accept(request, body, messaging)
                .replaceWith(EMPTY_TWIML);
    }

    /** The FastAPI backend's Messaging URL (docs/migrating.md), kept so numbers configured with it keep working. */
    @POST
    @Path("webhook/twilio")
    @Produces(MediaType.TEXT_XML)
    public Uni<String> messagingAlias(byte[] body, @Context HttpServerRequest request) {
        return messaging(body, request);
    }

    @POST
    @Path("webhooks/twilio/conversations")
    public Uni<Response> conversations(byte[] body, @Context HttpServerRequest request) {
        return intake.accept(request, body, conversations)
                .replaceWith(Response.ok().build());
    }

    @POST
    @Path("webhooks/twilio/status")
    public Uni<Response> status(byte[] body, @Context HttpServerRequest request) {
        return intake.accept(request, body, status)
                .replaceWith(Response.ok().build());
    }
}
