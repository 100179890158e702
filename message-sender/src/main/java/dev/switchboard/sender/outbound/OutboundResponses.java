package dev.switchboard.sender.outbound;

import dev.switchboard.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** The REST answers about outbound messages, shared by every endpoint that sends. */
public final class OutboundResponses {

    private OutboundResponses() {
    }

    /** 202 with the row as it stands; a repeated Idempotency-Key is flagged so callers can tell. */
    public static RestResponse<OutboundView> accepted(Recorded recorded) {
        return RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED, OutboundView.of(recorded.row()))
                .location(URI.create("/outbound/" + recorded.row().id))
                .header("Idempotent-Replayed", Boolean.toString(!recorded.created()))
                .build();
    }

    public static <T> T require(T body) {
        if (body == null) {
            throw ProblemException.invalid(List.of("a JSON body is required"));
        }
        return body;
    }
}
