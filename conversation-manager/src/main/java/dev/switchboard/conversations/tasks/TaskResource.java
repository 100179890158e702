package dev.switchboard.conversations.tasks;

import dev.switchboard.auth.Caller;
import dev.switchboard.problem.ProblemException;
import dev.switchboard.problem.QueryParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import dev.switchboard.auth.Callers;

/** {@code POST /tasks}: operators (and tests) give a user a task; the service role only. */
/** Operators create tasks; a user reads their own, {@code service_role} reads all. */
@Path("/tasks")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    /** Inserts nothing for an unknown user, so the answer is a 400, not a foreign-key failure. */
    private static final String CREATE = """
            INSERT INTO tasks (user_id, description, due_time, points)
            SELECT id, $2, $3, $4 FROM users WHERE id = $1
            RETURNING id, created_at, user_id, description, due_time, status, points, completed_at""";

    private static final String COLUMNS = "id, created_at, user_id, description, due_time, status, points, completed_at";
    private static final Set<String> STATUSES = Set.of("active", "completed", "cancelled", "expired");
    private static final int MAX_TASKS = 500;
    private static final String LIST = "SELECT " + COLUMNS + " FROM tasks WHERE ($1::bigint IS NULL OR user_id = $1)"
            + " AND ($2::text IS NULL OR status = $2) ORDER BY id DESC LIMIT " + MAX_TASKS;

    private final Pool pool;
    private final Callers callers;

    public TaskResource(Pool pool, Callers callers) {
        this.pool = pool;
        this.callers = callers;
    }

    /** Tasks of {@code user_id} (a user: only themselves, the default), optionally of one status, newest first. */
    @GET
    public Uni<List<TaskView>> list(@QueryParam("user_id") String userIdParam, @QueryParam("status") String status) {
        Long userId = QueryParams.optionalLong("user_id", userIdParam, 1);
        Caller caller = callers.current();
        Long owner = caller.isServiceRole() ? userId : caller.userId();
        if (!caller.isServiceRole() && userId != null && !userId.equals(caller.userId())) {
            throw ProblemException.forbidden("not-your-tasks", "a user reads only their own tasks");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("invalid-status", "status is one of " + STATUSES);
        }
        return pool.preparedQuery(LIST)
                .execute(Tuple.from(Arrays.asList(owner, status)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(TaskView::of).toList());
    }

    /** One task; another user's task is answered like a missing one. */
    @GET
    @Path("/{id}")
    public Uni<TaskView> get(@PathParam("id") long id) {
        Caller caller = callers.current();
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? TaskView.of(rows.iterator().next()) : null)
                .map(task -> task != null && (caller.isServiceRole() || task.userId() == caller.userId()) ? task : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("task-not-found", "no task " + id));
    }

    @POST
    @RolesAllowed(Caller.SERVICE_ROLE)
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
