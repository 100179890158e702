package dev.switchboard.conversations.persistence;

import dev.switchboard.database.PoisonEventException;
import dev.switchboard.events.Event;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies a batch of message events in ONE transaction: one batched upsert per kind of event (the upserts commute,
 * see {@link MessageStatements}), then every applied event appended to the {@link EventLog} that history paging and
 * the realtime gateway's catch-up read. Events that changed nothing (duplicates, stale updates,
 * older statuses) are not logged, so clients never see them twice. Events already in the log (a Kafka redelivery, a
 * consumer replaying its partitions) are left out before any upsert: their effects are committed, and an upsert that
 * changes nothing still finds and locks its row.
 */
@ApplicationScoped
public class MessageEventWriter {

    static final String PARTICIPANT_ADDED = "conversation.onParticipantAdded";
    static final String PARTICIPANT_REMOVED = "conversation.onParticipantRemoved";

    private static final String LOGGED = "SELECT event_id FROM message_events WHERE event_id = ANY($1)";


    /** How each event type changes the tables; types not listed change nothing and are only logged. */
    private static final Map<String, Statement> STATEMENTS = Map.of(
            EventTypes.MESSAGE_ADDED, new Statement(MessageStatements.ADD, MessageStatements::add),
            EventTypes.MESSAGE_UPDATED, new Statement(MessageStatements.UPDATE, MessageStatements::update),
            EventTypes.MESSAGE_REMOVED, new Statement(MessageStatements.REMOVE, MessageStatements::remove),
            EventTypes.MESSAGE_STATUS, new Statement(MessageStatements.STATUS, MessageStatements::status),
            PARTICIPANT_ADDED, new Statement(ParticipantStatements.ADDED, ParticipantStatements::added),
            PARTICIPANT_REMOVED, new Statement(ParticipantStatements.REMOVED, ParticipantStatements::removed),
            ConversationStatements.STATE_UPDATED, new Statement(ConversationStatements.STATE, ConversationStatements::state),
            ConversationStatements.UPDATED, new Statement(ConversationStatements.STATE, ConversationStatements::state),
            ConversationStatements.REMOVED, new Statement(ConversationStatements.STATE, ConversationStatements::state));

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
        return EventLog.append(connection, events.stream()
                .filter(event -> applied.contains(event.id()) || !STATEMENTS.containsKey(event.type()))
                .toList());
    }

    private record Statement(String sql, Function<Event<MessageData>, List<Object>> values) {
    }
}
