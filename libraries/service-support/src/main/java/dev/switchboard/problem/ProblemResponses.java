package dev.switchboard.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal leaves as {@code application/problem+json}: ours, the framework's (404, 405, 415, bad JSON), the
 * security layer's (401, 403), and unexpected failures, which are logged with their stack trace but answered with
 * a plain 500 problem — a client never sees a stack trace.
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(),
                e.getMessage()));
    }

    /** A body that is not the JSON we expect (text for a number, a malformed date) names the field at fault. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
        return respond(Problem.of(400, "invalid-json", "Invalid request", field + " has the wrong type or format"));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(Problem.of(400, "invalid-json", "Invalid request", "the body is not valid JSON"));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        // The authentication mechanism keeps the precise refusal (invalid-token 401, unknown-user 403) as the cause.
        Problem problem = e.getCause() instanceof ProblemException refusal ? refusal.problem()
                : Problem.of(401, "unauthenticated", "Unauthorized", "a valid bearer token is required");
        Response response = respond(problem);
        return problem.status() == 401
                ? Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build()
                : response;
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "this caller may not do that"));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "internal-error", "Internal Server Error", "an unexpected error occurred"));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
