package dev.switchboard.conversations.reconciliation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What Switchboard has stored of what Twilio lists: the reconciler's side of each comparison, a page at a time. */
@ApplicationScoped
public class StoredState {

    /** Per SID: stored (a placeholder made by an early status is not), its direction, and whether Twilio is ahead. */
    private static final String MESSAGES = """
            SELECT t.sid, m.added_at IS NOT NULL AS stored, m.direction,
                   COALESCE(message_status_rank(t.status) > message_status_rank(m.status), false) AS behind
            FROM unnest($1::text[], $2::text[]) AS t(sid, status)
            LEFT JOIN messages m ON m.message_sid = t.sid""";
    /**
     * Received texts that Twilio put into a Conversation rather than to the Messaging webhook: it routes a text to the
     * conversation (not closed) where its sender's address is bound to the number texted, and there the text is a
     * Conversations message, healed with the conversation's own list. Twilio's {@code date_sent} has whole seconds, so
     * a participant added within the second the text was sent counts as there.
     */
    private static final String ROUTED_TO_CONVERSATIONS = """
            SELECT t.sid FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS t(sid, sender, number, sent_at)
            WHERE EXISTS (SELECT 1 FROM conversation_participants p
                          LEFT JOIN gig_conversations g ON g.conversation_sid = p.conversation_sid
                          WHERE p.address = t.sender AND p.proxy_address = t.number AND p.created_at < t.sent_at + interval '1 second'
                            AND (p.removed_at IS NULL OR p.removed_at > t.sent_at)
                            AND (g.closed_at IS NULL OR g.closed_at > t.sent_at))""";
    /** Gig conversations open now, or closed within the window (their last messages may still be missing). */
    private static final String CONVERSATIONS = """
            SELECT conversation_sid FROM gig_conversations WHERE closed_at IS NULL OR closed_at >= $1
            ORDER BY id""";
    private static final String PARTICIPANTS = """
            SELECT participant_sid, conversation_sid, identity, address, proxy_address, created_at
            FROM conversation_participants WHERE conversation_sid = $1 AND removed_at IS NULL""";

    private final Pool pool;

    public StoredState(Pool pool) {
        this.pool = pool;
    }

    /** Of these Twilio messages (SID and Twilio's status, in the same order), what Switchboard has. */
    public Uni<Map<String, Stored>> messages(List<String> sids, List<String> statuses) {
        return pool.preparedQuery(MESSAGES).execute(Tuple.of(sids.toArray(String[]::new),
                statuses.toArray(String[]::new))).map(rows -> {
                    Map<String, Stored> stored = new HashMap<>();
                    for (Row row : rows) {
                        stored.put(row.getString("sid"), new Stored(row.getBoolean("stored"),
                                row.getString("direction"), row.getBoolean("behind")));
                    }
                    return stored;
                });
    }

    /** Of these received texts (SID, sender, number texted, when), those a Conversation took. */
    public Uni<Set<String>> routedToConversations(List<Received> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery(ROUTED_TO_CONVERSATIONS).execute(Tuple.of(
                texts.stream().map(Received::sid).toArray(String[]::new),
                texts.stream().map(Received::sender).toArray(String[]::new),
                texts.stream().map(Received::number).toArray(String[]::new),
                texts.stream().map(text -> text.sentAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .map(rows -> {
                    Set<String> routed = new HashSet<>();
                    rows.forEach(row -> routed.add(row.getString("sid")));
                    return routed;
                });
    }

    public Uni<List<String>> conversations(Instant since) {
        return pool.preparedQuery(CONVERSATIONS).execute(Tuple.of(since.atOffset(ZoneOffset.UTC))).map(rows -> {
            List<String> sids = new ArrayList<>();
            rows.forEach(row -> sids.add(row.getString("conversation_sid")));
            return sids;
        });
    }

    /** Who Switchboard counts as taking part in a Conversation now. */
    public Uni<List<Participant>> participants(String conversationSid) {
        return pool.preparedQuery(PARTICIPANTS).execute(Tuple.of(conversationSid)).map(rows -> {
            List<Participant> participants = new ArrayList<>();
            rows.forEach(row -> participants.add(new Participant(row.getString("participant_sid"),
                    row.getString("conversation_sid"), row.getString("identity"), row.getString("address"),
                    row.getString("proxy_address"), row.getOffsetDateTime("created_at").toInstant())));
            return participants;
        });
    }

    /**
     * @param stored whether the message is stored (a placeholder made by an early status is not)
     * @param behind whether Twilio's status ranks above the stored one
     */
    public record Stored(boolean stored, String direction, boolean behind) {
    }

    public record Received(String sid, String sender, String number, Instant sentAt) {
    }

    public record Participant(String participantSid, String conversationSid, String identity, String address,
            String proxyAddress, Instant addedAt) {
    }
}
