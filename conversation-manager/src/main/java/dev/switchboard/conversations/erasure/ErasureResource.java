package dev.switchboard.conversations.erasure;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchboard.auth.Caller;
import dev.switchboard.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code POST /users/{id}/erasure}: operators erase a user (the service role only; a user token is 403). Answers the
 * rows removed per table; erasing an erased user again is 200 with nothing removed.
 */
@Path("/users/{id}/erasure")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    private final UserErasure erasure;

    public ErasureResource(UserErasure erasure) {
        this.erasure = erasure;
    }

    @POST
    @RolesAllowed(Caller.SERVICE_ROLE)
    public Uni<ErasureView> erase(@PathParam("id") long id) {
        return erasure.erase(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("user-not-found", "no user " + id))
                .map(removed -> new ErasureView(id, removed));
    }

    /** The user erased and the rows removed, per table. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ErasureView(long userId, Map<String, Long> removed) {
    }
}
