package dev.switchboard.conversations.completion;

import dev.switchboard.auth.Callers;
import dev.switchboard.conversations.media.StoredMedia;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The feed of completed tasks, newest first; readable by any signed-in user. */
@Path("/feed")
@Authenticated
public class FeedResource {

    private final FeedPosts posts;
    private final FeedImages images;
    private final Callers callers;

    public FeedResource(FeedPosts posts, FeedImages images, Callers callers) {
        this.posts = posts;
        this.images = images;
        this.callers = callers;
    }

    /** A page of posts; {@code before} is the id of the last post of the previous page. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<FeedPost>> list(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        return posts.page(null, limit, before);
    }

    /**
     * The post's image, as the media pipeline stored it: to a signed-in user (bearer token), or to anyone holding the
     * signed URL a feed answer gave ({@code expires} and {@code signature}, so an {@code <img>} tag needs no token).
     * A URL with a wrong signature or past its expiry is a 403, whatever token comes with it.
     */
    @GET
    @Path("/{id}/image")
    @PermitAll
    @Produces(MediaType.WILDCARD)
    public Uni<Response> image(@PathParam("id") long id,
            @Parameter(description = "with signature: the signed URL's expiry (epoch seconds); omit with a bearer token")
            @QueryParam("expires") String expires,
            @Parameter(description = "with expires: the signed URL's signature, as a feed answer's image_url gave it")
            @QueryParam("signature") String signature) {
        Uni<StoredMedia> image = expires != null || signature != null
                ? images.signed(id, expires, signature)
                : callers.resolved().chain(() -> images.of(id));
        return image.map(item -> Response.ok(item.bytes(), item.contentType())
                .header("X-Content-Type-Options", "nosniff").build());
    }
}
