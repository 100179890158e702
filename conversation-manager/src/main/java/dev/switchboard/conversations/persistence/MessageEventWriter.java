package dev.switchboard.conversations.persistence;

import dev.switchboard.conversations.users.PhoneNumbers;
import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.ConversationKey;
import dev.switchboard.events.Event;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventTypes;
import dev.switchboard.events.MessageData;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a batch of message events in ONE transaction: one batched upsert per kind of event (the upserts commute,
 * see {@link MessageStatements}), then every applied event appended to {@code message_events}, the durable log that
 * history paging and the realtime gateway's catch-up read. Events that changed nothing (duplicates, stale updates,
 * older statuses) are not logged, so clients never see them twice. Events already in the log (a Kafka redelivery, a
 * consumer replaying its partitions) are left out before any upsert: their effects are committed, and an upsert that
 * changes nothing still finds and locks its row.
 */
@ApplicationScoped
public class MessageEventWriter {

    static final String PARTICIPANT_ADDED = "conversation.onParticipantAdded";
    static final String PARTICIPANT_REMOVED = "conversation.onParticipantRemoved";

    private static final String LOG = """
            INSERT INTO message_events (event_id, type, message_sid, conversation_key, from_number, to_number,
                from_e164, to_e164, payload)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb)
            ON CONFLICT (event_id) DO NOTHING""";

    private static final String LOGGED = "SELECT event_id FROM message_events WHERE event_id = ANY($1)";

    /**
     * Appends to the log one transaction at a time, across every replica: a {@code seq} is drawn under this lock and
     * the lock is held until commit, so {@code seq} order is commit order. Readers that page "after seq N" (history,
     * the gateway's catch-up) can then never pass over a row with a lower seq that commits a moment later. Only the
     * last statement of each batch's transaction runs under it. The key spells "msg_evts" in ASCII; nothing else
     * takes it.
     */
    private static final String APPEND_IN_COMMIT_ORDER = "SELECT pg_advisory_xact_lock(" + 0x6d73675f65767473L + ")";

    /** How each event type changes the tables; types not listed change nothing and are only logged. */
    private static final Map<String, Statement> STATEMENTS = Map.of(
            EventTypes.MESSAGE_ADDED, new Statement(MessageStatements.ADD, MessageStatements::add),
            EventTypes.MESSAGE_UPDATED, new Statement(MessageStatements.UPDATE, MessageStatements::update),
            EventTypes.MESSAGE_REMOVED, new Statement(MessageStatements.REMOVE, MessageStatements::remove),
            EventTypes.MESSAGE_STATUS, new Statement(MessageStatements.STATUS, MessageStatements::status),
            PARTICIPANT_ADDED, new Statement(ParticipantStatements.ADDED, ParticipantStatements::added),
            PARTICIPANT_REMOVED, new Statement(ParticipantStatements.REMOVED, ParticipantStatements::removed));

    private final Pool pool;

    public MessageEventWriter(Pool pool) {
        this.pool = pool;
    }

    /** Fails with {@link PoisonEventException} before touching the database when an event cannot be stored. */
    public Uni<Void> write(List<Event<MessageData>> events) {
        // upsertsOf refuses a poison event before the database is touched; the upserts that run are those of the
        // events not logged yet.
        return Uni.createFrom().item(() -> upsertsOf(events))
                .chain(() -> pool.withTransaction(connection -> notLoggedYet(connection, events)
                        .chain(fresh -> apply(connection, upsertsOf(fresh))
                                .chain(applied -> log(connection, fresh, applied)))));
    }

    private static Uni<List<Event<MessageData>>> notLoggedYet(SqlConnection connection,
            List<Event<MessageData>> events) {
        String[] ids = events.stream().map(Event::id).toArray(String[]::new);
        return connection.preparedQuery(LOGGED).execute(Tuple.of(ids)).map(rows -> {
            Set<String> logged = new HashSet<>();
            rows.forEach(row -> logged.add(row.getString("event_id")));
            return events.stream().filter(event -> !logged.contains(event.id())).toList();
        });
    }

    private static Map<String, List<Tuple>> upsertsOf(List<Event<MessageData>> events) {
        Map<String, List<Tuple>> upserts = new LinkedHashMap<>();
        for (Event<MessageData> event : events) {
            if (event.data() == null) {
                throw new PoisonEventException(event.type() + " without data: " + event.id());
            }
            Statement statement = STATEMENTS.get(event.type());
            if (statement != null) {
                upserts.computeIfAbsent(statement.sql(), sql -> new ArrayList<>())
                        .add(Tuple.from(statement.values().apply(event)));
            }
        }
        return upserts;
    }

    private static Uni<Set<String>> apply(SqlConnection connection, Map<String, List<Tuple>> upserts) {
        return Multi.createFrom().iterable(upserts.entrySet())
                .onItem().transformToUniAndConcatenate(upsert -> connection.preparedQuery(upsert.getKey())
                        .executeBatch(upsert.getValue()))
                .onItem().transformToIterable(MessageEventWriter::changedBy)
                .collect().asSet();
    }

    /** executeBatch answers one row set per tuple, chained through next(). */
    private static List<String> changedBy(RowSet<Row> rows) {
        List<String> eventIds = new ArrayList<>();
        for (RowSet<Row> each = rows; each != null; each = each.next()) {
            each.forEach(row -> eventIds.add(row.getString("last_event_id")));
        }
        return eventIds;
    }

    private static Uni<Void> log(SqlConnection connection, List<Event<MessageData>> events, Set<String> applied) {
        List<Tuple> entries = events.stream()
                .filter(event -> applied.contains(event.id()) || !STATEMENTS.containsKey(event.type()))
                .map(MessageEventWriter::logEntry)
                .toList();
        return entries.isEmpty() ? Uni.createFrom().voidItem()
                : connection.query(APPEND_IN_COMMIT_ORDER).execute()
                        .chain(() -> connection.preparedQuery(LOG).executeBatch(entries))
                        .replaceWithVoid();
    }

    private static Tuple logEntry(Event<MessageData> event) {
        MessageData data = event.data();
        return Tuple.from(Arrays.asList(event.id(), event.type(), data.messageSid(), ConversationKey.of(data),
                data.from(), data.to(), PhoneNumbers.e164(data.from()), PhoneNumbers.e164(data.to()),
                new String(EventJson.write(event), StandardCharsets.UTF_8)));
    }

    private record Statement(String sql, Function<Event<MessageData>, List<Object>> values) {
    }
}
