package dev.switchboard.conversations.twilio;

import dev.switchboard.problem.Problem;
import dev.switchboard.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A Twilio failure reaches the client as a problem carrying Twilio's own error code, never as a 500. */
public class TwilioFailureResponses {

    @ServerExceptionMapper
    public Response twilioFailed(TwilioFailure e) {
        String title = e.status() == 502 ? "Twilio failed" : "Twilio refused the request";
        Problem problem = Problem.of(e.status(), "twilio-error", title, e.getMessage());
        return ProblemResponses.respond(e.twilioCode() == null ? problem : problem.with("twilio_code", e.twilioCode()));
    }
}
