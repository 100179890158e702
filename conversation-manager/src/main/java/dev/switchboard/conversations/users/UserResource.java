package dev.switchboard.conversations.users;

import dev.switchboard.auth.Caller;
import dev.switchboard.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import dev.switchboard.auth.Callers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/** {@code POST /users}: operators (and tests) create users; the service role only. */
/** Operators create users; a user reads their own profile and points, {@code service_role} reads all. */
@Path("/users")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    /** No target on ON CONFLICT: a taken phone number and a taken chat identity both come back empty, never half-done. */
    private static final String CREATE = """
            INSERT INTO users (username, phone_number, chat_identity, auth_id) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING
            RETURNING id, created_at, username, phone_number, chat_identity, points, auth_id""";

    private final Pool pool;
    private final Callers callers;
    private final ChatIdentities identities;

    public UserResource(Pool pool, Callers callers, ChatIdentities identities) {
        this.pool = pool;
        this.callers = callers;
        this.identities = identities;
    }

    /** A user with their points; another user is answered like a missing one. */
    @GET
    @Path("/{id}")
    public Uni<UserView> get(@PathParam("id") long id) {
        Caller caller = callers.current();
        if (!caller.isServiceRole() && caller.userId() != id) {
            throw ProblemException.notFound("user-not-found", "no user " + id);
        }
        return pool.preparedQuery("SELECT id, created_at, username, phone_number, chat_identity, points, auth_id FROM users"
                        + " WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? UserView.of(rows.iterator().next()) : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("user-not-found", "no user " + id));
    }

    @POST
    @RolesAllowed(Caller.SERVICE_ROLE)
    public Uni<Response> create(NewUser body) {
        if (body == null) {
            throw ProblemException.badRequest("missing-body", "a JSON body is required");
        }
        NewUser user = body.validated(identities);
        return pool.preparedQuery(CREATE)
                .execute(Tuple.from(Arrays.asList(user.username(), user.phoneNumber(), user.chatIdentity(),
                        user.authId() == null ? null : java.util.UUID.fromString(user.authId()))))
                .map(rows -> rows.iterator().hasNext() ? UserView.of(rows.iterator().next()) : null)
                .onItem().ifNull().failWith(() -> new ProblemException(409, "user-exists", "Conflict",
                        "a user with this phone_number, chat_identity or auth_id already exists"))
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }
}
