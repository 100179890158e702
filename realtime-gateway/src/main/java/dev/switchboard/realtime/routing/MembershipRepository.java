package dev.switchboard.realtime.routing;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads a user's membership once, when their stream opens; Kafka keeps it current afterwards. */
@ApplicationScoped
public class MembershipRepository {

    private static final String USER = "SELECT phone_number, chat_identity FROM users WHERE id = $1";
    private static final String PARTICIPATIONS = """
            SELECT conversation_sid, participant_sid FROM conversation_participants
            WHERE removed_at IS NULL AND (identity = $1 OR address = ANY($2))""";

    private final Pool pool;

    MembershipRepository(Pool pool) {
        this.pool = pool;
    }

    /** A user without a row still gets a membership: their own task events reach them. */
    public Uni<Membership> user(long userId) {
        return pool.preparedQuery(USER)
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .map(row -> row == null ? new Membership(userId, null, null)
                        : new Membership(userId, row.getString("phone_number"), row.getString("chat_identity")));
    }

    public Uni<List<Participation>> participations(Membership membership) {
        return pool.preparedQuery(PARTICIPATIONS)
                .execute(Tuple.of(membership.chatIdentity(), membership.phoneAddresses()))
                .map(rows -> {
                    List<Participation> participations = new ArrayList<>();
                    for (Row row : rows) {
                        participations.add(new Participation(row.getString("conversation_sid"),
                                row.getString("participant_sid")));
                    }
                    return participations;
                });
    }
}
