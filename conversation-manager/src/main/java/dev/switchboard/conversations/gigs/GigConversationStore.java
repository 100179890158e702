package dev.switchboard.conversations.gigs;

import dev.switchboard.conversations.access.MessageVisibility;
import dev.switchboard.conversations.twilio.TwilioConversation;
import dev.switchboard.conversations.twilio.TwilioParticipant;
import dev.switchboard.conversations.users.PhoneNumbers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The {@code gig_conversations} mapping and its participants. Writes are upserts keyed by what Twilio made unique
 * (gig id, participant SID), so concurrent and repeated calls converge on one row each. A removed participant SID
 * stays removed: Twilio never reuses one, and a person added again gets a new SID.
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
            ON CONFLICT (participant_sid) DO UPDATE SET identity = EXCLUDED.identity,
                address = EXCLUDED.address, proxy_address = EXCLUDED.proxy_address,
                address_e164 = EXCLUDED.address_e164, added_at = COALESCE(conversation_participants.added_at, now())""";
    private static final String GIG_COLUMNS = """
            SELECT g.gig_id, g.conversation_sid, g.unique_name, g.state, g.created_at, g.closed_at,
                   last.message_sid, last.author, last.body, last.num_media, last.sent_at
            FROM gig_conversations g
            LEFT JOIN LATERAL (SELECT m.message_sid, m.author, m.body, m.num_media, COALESCE(m.sent_at, m.created_at)
                                   AS sent_at
                               FROM messages m WHERE m.conversation_sid = g.conversation_sid AND m.removed_at IS NULL
                                 AND m.added_at IS NOT NULL
                               ORDER BY m.id DESC LIMIT 1) last ON true
            """;
    private static final String FIND_GIG = GIG_COLUMNS + "WHERE g.gig_id = $1";
    /**
     * The gig conversations a user currently takes part in (the one rule of MessageVisibility), newest first: found
     * from the user's participant rows, not by testing every gig conversation (docs/design.md, "Queries at 1M rows").
     */
    private static final String FIND_FOR_USER = GIG_COLUMNS + """
            WHERE g.conversation_sid IN (SELECT cs.conversation_sid FROM users u, LATERAL %s cs WHERE u.id = $1)
            ORDER BY g.created_at DESC, g.id DESC LIMIT $2""".formatted(
            MessageVisibility.currentConversations("u"));
    private static final String FIND_ALL = GIG_COLUMNS + "ORDER BY g.created_at DESC, g.id DESC LIMIT $1";
    private static final String IS_PARTICIPANT = """
            SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = $2 AND %s) AS participant""".formatted(
            MessageVisibility.currentParticipant("$1", "u"));
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
                .onItem().ifNotNull().transformToUni(this::withParticipants);
    }

    /** The gig conversations {@code userId} takes part in now; every one for a null {@code userId} (the service role). */
    public Uni<List<GigConversationView>> list(Long userId, int limit) {
        Uni<RowSet<Row>> gigs = userId == null ? pool.preparedQuery(FIND_ALL).execute(Tuple.of(limit))
                : pool.preparedQuery(FIND_FOR_USER).execute(Tuple.of(userId, limit));
        return gigs.onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(this::withParticipants)
                .collect().asList();
    }

    /** Whether the user is a current participant of the conversation: who may read a gig's conversation. */
    public Uni<Boolean> isParticipant(String conversationSid, long userId) {
        return pool.preparedQuery(IS_PARTICIPANT).execute(Tuple.of(conversationSid, userId))
                .map(rows -> rows.iterator().next().getBoolean("participant"));
    }

    private Uni<GigConversationView> withParticipants(Row gig) {
        return pool.preparedQuery(FIND_PARTICIPANTS)
                .execute(Tuple.of(gig.getString("conversation_sid")))
                .map(rows -> view(gig, StreamSupport.stream(rows.spliterator(), false)
                        .map(GigConversationStore::participant).toList()));
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
                gig.getOffsetDateTime("created_at"), gig.getOffsetDateTime("closed_at"), lastMessage(gig));
    }

    private static GigConversationView.LastMessage lastMessage(Row gig) {
        return gig.getString("message_sid") == null ? null : new GigConversationView.LastMessage(
                gig.getString("message_sid"), gig.getString("author"), gig.getString("body"),
                gig.getInteger("num_media"), gig.getOffsetDateTime("sent_at"));
    }
}
