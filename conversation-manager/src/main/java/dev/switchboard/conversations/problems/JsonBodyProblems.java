package dev.switchboard.conversations.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.switchboard.problem.Problem;
import dev.switchboard.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body that is not the JSON we expect (a date that is no ISO-8601 instant, text for a number) answers a 400 problem
 * naming the field, instead of Quarkus's own plain JSON error.
 */
public class JsonBodyProblems {

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
        return ProblemResponses.respond(Problem.of(400, "invalid-json", "Invalid request",
                field + " has the wrong type or format"));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return ProblemResponses.respond(Problem.of(400, "invalid-json", "Invalid request", "the body is not valid JSON"));
    }
}
