package dev.switchboard.realtime.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.problem.Problem;
import dev.switchboard.problem.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Refusals of the stream route (a Vert.x route, outside JAX-RS) as {@code application/problem+json}. */
@ApplicationScoped
public class ProblemWriter {

    private static final Logger LOG = Logger.getLogger(ProblemWriter.class);

    private final ObjectMapper json;

    ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServerResponse response, Throwable failure) {
        if (failure instanceof ProblemException refused) {
            write(response, refused.problem());
        } else {
            LOG.error("stream could not be opened", failure);
            write(response, Problem.of(status(failure), "stream-unavailable", "Stream unavailable",
                    "The stream could not be opened; retry shortly."));
        }
    }

    /** The status a stream refused with {@code failure} is answered with: the problem's, else 503. */
    static int status(Throwable failure) {
        return failure instanceof ProblemException refused ? refused.problem().status() : 503;
    }

    private void write(HttpServerResponse response, Problem problem) {
        if (response.headWritten()) {
            return;
        }
        try {
            response.setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(problem.status()).end();
        }
    }
}
