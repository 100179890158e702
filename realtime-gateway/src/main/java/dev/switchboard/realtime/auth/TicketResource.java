package dev.switchboard.realtime.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Exchanges a Bearer token for a stream ticket that a browser's EventSource can carry in its URL. */
@Path("/v1/stream/tickets")
public class TicketResource {

    private final StreamAuthenticator authenticator;
    private final StreamTickets tickets;

    TicketResource(StreamAuthenticator authenticator, StreamTickets tickets) {
        this.authenticator = authenticator;
        this.tickets = tickets;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<StreamTicket> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return authenticator.bearer(authorization).map(tickets::issue);
    }
}
