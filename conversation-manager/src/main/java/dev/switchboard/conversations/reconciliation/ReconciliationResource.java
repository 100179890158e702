package dev.switchboard.conversations.reconciliation;

import dev.switchboard.auth.Caller;
import dev.switchboard.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /reconciliations}: operators run one pass now ({@code ./switchboard reconcile --since PT2H}), the
 * service role only. Body (optional) {@code {"since": "PT2H"}} — a duration back from now or an instant — default the
 * scheduled window. Answers the pass's report once every healing event is on Kafka; 409 while another pass runs.
 */
@Path("/reconciliations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final Reconciler reconciler;
    private final ReconciliationConfig config;

    public ReconciliationResource(Reconciler reconciler, ReconciliationConfig config) {
        this.reconciler = reconciler;
        this.config = config;
    }

    @POST
    @Blocking
    @RolesAllowed(Caller.SERVICE_ROLE)
    public ReconciliationReport reconcile(PassRequest request) {
        Instant now = Instant.now();
        Instant since = since(request == null ? null : request.since(), now);
        try {
            return reconciler.pass(since, now.minus(config.settle()));
        } catch (Reconciler.LeaseHeld e) {
            throw new ProblemException(409, "reconciliation-running", "A reconciliation is running",
                    e.getMessage() + "; try again when it ends");
        }
    }

    private Instant since(String since, Instant now) {
        if (since == null || since.isBlank()) {
            return now.minus(config.window());
        }
        Instant instant;
        try {
            instant = since.startsWith("P") || since.startsWith("p") ? now.minus(Duration.parse(since))
                    : Instant.parse(since);
        } catch (DateTimeException | ArithmeticException e) {
            throw invalid("since must be an ISO 8601 duration back from now (PT2H) or an instant"
                    + " (2026-12-05T10:00:00Z), not '" + since + "'");
        }
        if (!instant.isBefore(now)) {
            throw invalid("since must be in the past, not " + instant);
        }
        return instant;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid-since", "Invalid reconciliation window", detail);
    }

    /** @param since a duration back from now ({@code PT2H}) or an instant; the scheduled window when absent */
    public record PassRequest(String since) {
    }
}
