package dev.switchboard.conversations.me;

import dev.switchboard.auth.Callers;
import dev.switchboard.conversations.completion.FeedPost;
import dev.switchboard.conversations.completion.FeedPosts;
import dev.switchboard.conversations.tasks.TaskResource;
import dev.switchboard.conversations.tasks.TaskView;
import dev.switchboard.conversations.users.UserResource;
import dev.switchboard.conversations.users.UserView;
import dev.switchboard.problem.QueryParams;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code /me}: the signed-in user's own data (profile and points, tasks, feed posts, conversations), so a client app
 * needs no user id. A user-only family: the service role has no "me" and is refused with 403 ({@code user-only}).
 * Each endpoint answers what the general one answers for this user, through the same code.
 */
@Path("/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    static final int MAX_CONVERSATIONS = 200;

    private final Callers callers;
    private final UserResource users;
    private final TaskResource tasks;
    private final FeedPosts feed;
    private final MyConversations conversations;

    public MeResource(Callers callers, UserResource users, TaskResource tasks, FeedPosts feed,
            MyConversations conversations) {
        this.callers = callers;
        this.users = users;
        this.tasks = tasks;
        this.feed = feed;
        this.conversations = conversations;
    }

    /** Profile and points, as {@code GET /users/{id}} answers them. */
    @GET
    public Uni<UserView> profile() {
        return users.get(callers.current().requireUser());
    }

    /** Their tasks, newest first, optionally of one status, as {@code GET /tasks} answers a user. */
    @GET
    @Path("/tasks")
    public Uni<List<TaskView>> tasks(@QueryParam("status") String status) {
        callers.current().requireUser();
        return tasks.list(null, status);
    }

    /** Their feed posts, newest first, paged like {@code GET /feed}. */
    @GET
    @Path("/feed")
    public Uni<List<FeedPost>> feed(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        return feed.page(callers.current().requireUser(), limit, before);
    }

    /** Their gig conversations and direct SMS/WhatsApp exchanges, most recently active first. */
    @GET
    @Path("/conversations")
    public Uni<MyConversationList> conversations(@QueryParam("limit") String limit) {
        var user = callers.current();
        user.requireUser();
        return conversations.of(user, QueryParams.boundedInt("limit", limit, 50, 1, MAX_CONVERSATIONS))
                .map(MyConversationList::new);
    }

    /** The answer's body: an object, so that paging fields can be added without breaking clients. */
    public record MyConversationList(List<MyConversation> conversations) {
    }
}
