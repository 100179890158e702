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
            write(response, Problem.of(503, "stream-unavailable", "Stream unavailable",
                    "The stream could not be opened; retry shortly."));
        }
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
