package dev.switchboard.conversations.gigs;

import dev.switchboard.conversations.twilio.TwilioConversation;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import dev.switchboard.conversations.users.PhoneNumbers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The {@code gig_conversations} mapping and its participants. Writes are upserts keyed by what Twilio made unique
 * (gig id, participant SID), so concurrent and repeated calls converge on one row each.
 */
@ApplicationScoped
public class GigConversationStore {

    private static final String UPSERT_GIG = """
            INSERT INTO gig_conversations (gig_id, conversation_sid, unique_name, state)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (gig_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()""";
    private static final String UPSERT_PARTICIPANT = """
            INSERT INTO conversation_participants
                (participant_sid, conversation_sid, identity, address, proxy_address, address_e164, added_at)
            VALUES ($1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (participant_sid) DO UPDATE SET removed_at = NULL, identity = EXCLUDED.identity,
                address = EXCLUDED.address, proxy_address = EXCLUDED.proxy_address,
                address_e164 = EXCLUDED.address_e164, added_at = COALESCE(conversation_participants.added_at, now())""";
    private static final String FIND_GIG = """
            SELECT gig_id, conversation_sid, unique_name, state, created_at, closed_at
            FROM gig_conversations WHERE gig_id = $1""";
    private static final String FIND_PARTICIPANTS = """
            SELECT participant_sid, identity, address, proxy_address FROM conversation_participants
            WHERE conversation_sid = $1 AND removed_at IS NULL ORDER BY created_at, participant_sid""";

    private final Pool pool;

    public GigConversationStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> save(String gigId, TwilioConversation conversation, List<TwilioParticipant> participants) {
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT_GIG)
                .execute(Tuple.of(gigId, conversation.sid(), conversation.uniqueName(), conversation.state()))
                .chain(() -> participants.isEmpty() ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(UPSERT_PARTICIPANT)
                                .executeBatch(participants.stream().map(p -> participantRow(conversation.sid(), p)).toList())
                                .replaceWithVoid()))
                .replaceWithVoid();
    }

    public Uni<Void> markClosed(String gigId) {
        return pool.preparedQuery("""
                UPDATE gig_conversations SET state = 'closed', closed_at = COALESCE(closed_at, now()), updated_at = now()
                WHERE gig_id = $1""").execute(Tuple.of(gigId)).replaceWithVoid();
    }

    public Uni<Void> markRemoved(String participantSid) {
        return pool.preparedQuery("""
                UPDATE conversation_participants SET removed_at = COALESCE(removed_at, now())
                WHERE participant_sid = $1""").execute(Tuple.of(participantSid)).replaceWithVoid();
    }

    /** The gig's conversation with its current participants, or null when the gig has none. */
    public Uni<GigConversationView> find(String gigId) {
        return pool.preparedQuery(FIND_GIG).execute(Tuple.of(gigId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null)
                .onItem().ifNotNull().transformToUni(gig -> pool.preparedQuery(FIND_PARTICIPANTS)
                        .execute(Tuple.of(gig.getString("conversation_sid")))
                        .map(rows -> view(gig, StreamSupport.stream(rows.spliterator(), false)
                                .map(GigConversationStore::participant).toList())));
    }

    private static Tuple participantRow(String conversationSid, TwilioParticipant p) {
        return Tuple.tuple(java.util.Arrays.asList(p.sid(), conversationSid, p.identity(), p.address(),
                p.proxyAddress(), PhoneNumbers.e164(p.address())));
    }

    private static TwilioParticipant participant(Row row) {
        return new TwilioParticipant(row.getString("participant_sid"), row.getString("identity"),
                row.getString("address"), row.getString("proxy_address"));
    }

    private static GigConversationView view(Row gig, List<TwilioParticipant> participants) {
        return new GigConversationView(gig.getString("gig_id"), gig.getString("conversation_sid"),
                gig.getString("unique_name"), gig.getString("state"), participants,
                gig.getOffsetDateTime("created_at"), gig.getOffsetDateTime("closed_at"));
    }
}
