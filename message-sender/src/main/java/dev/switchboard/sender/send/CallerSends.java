package dev.switchboard.sender.send;

import dev.switchboard.auth.Caller;
import dev.switchboard.auth.Callers;
import dev.switchboard.sender.outbound.OutboundMessage;
import dev.switchboard.sender.outbound.OutboundResponses;
import dev.switchboard.sender.outbound.OutboundView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A send an app or an operator asks for over HTTP, whichever resource takes it: the Idempotency-Key scoped to the
 * caller (one caller's key can never replay another's send), the row recorded as the caller's, Twilio's answer awaited
 * within the caller's retry budget, and a 202 with the outbound row.
 */
@ApplicationScoped
public class CallerSends {

    private final SendService sender;
    private final Callers callers;

    public CallerSends(SendService sender, Callers callers) {
        this.sender = sender;
        this.callers = callers;
    }

    public Caller caller() {
        return callers.current();
    }

    public String idempotencyKey(String header) {
        return IdempotencyKeys.ofHttp(caller().principal(), header);
    }

    public String requester() {
        return caller().asRequester();
    }

    public Uni<RestResponse<OutboundView>> send(OutboundMessage draft) {
        return sender.send(draft, RetryBudget.CALLER).map(OutboundResponses::accepted);
    }
}
