package dev.switchboard.conversations.tasks;

import dev.switchboard.conversations.access.Caller;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/** {@code POST /tasks}: operators (and tests) give a user a task; the service role only. */
@Path("/tasks")
@RolesAllowed(Caller.SERVICE_ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    /** Inserts nothing for an unknown user, so the answer is a 400, not a foreign-key failure. */
    private static final String CREATE = """
            INSERT INTO tasks (user_id, description, due_time, points)
            SELECT id, $2, $3, $4 FROM users WHERE id = $1
            RETURNING id, created_at, user_id, description, due_time, status, points, completed_at""";

    private final Pool pool;

    public TaskResource(Pool pool) {
        this.pool = pool;
    }

    @POST
    public Uni<Response> create(NewTask body) {
        if (body == null) {
            throw ProblemException.badRequest("missing-body", "a JSON body is required");
        }
        NewTask task = body.validated();
        return pool.preparedQuery(CREATE)
                .execute(Tuple.from(Arrays.asList(task.userId(), task.description(), task.dueTime(), task.points())))
                .map(rows -> rows.iterator().hasNext() ? TaskView.of(rows.iterator().next()) : null)
                .onItem().ifNull().failWith(() -> ProblemException.badRequest("unknown-user",
                        "no user " + task.userId()))
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }
}
