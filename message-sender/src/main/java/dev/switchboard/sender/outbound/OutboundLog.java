package dev.switchboard.sender.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbound log: a request is recorded once per idempotency key ({@code INSERT ... ON CONFLICT DO NOTHING}, never
 * check-then-insert), and only the caller whose statement moves it to {@code sending} calls Twilio.
 * <p>
 * The send path takes two statements, each its own transaction on the SQL client: {@link #recordAndClaim} and
 * {@link #settle}. Recording and claiming were two transactions through Hibernate Reactive (four with the reads); at
 * a backlog of send commands those round trips and commits, not Twilio, were what a replica waited on
 * (docs/benchmarks.md, P7).
 * <p>
 * Each statement is prepared once per connection and then only bound and executed (the service's
 * {@code cache-prepared-statements}): parsing and planning them on every send was more than half of PostgreSQL's CPU
 * per send. The SQL client caches no statement longer than 2,048 characters, so each here stays shorter
 * ({@code PreparedStatementsTest}): the rows come back with {@code *} inside the statement and {@link #COLUMNS} once.
 */
@ApplicationScoped
public class OutboundLog {

    static final String COLUMNS = """
            id, idempotency_key, channel, to_address, from_address, conversation_sid, author, body,
            media_urls::text AS media_urls, content_sid, content_variables::text AS content_variables, attributes,
            media_sid, template_kind, requested_by, state, twilio_sid, twilio_status, error_code, error_message,
            attempts, added_event_id, announced_at, created_at, updated_at""";

    /**
     * A new key is inserted already {@code sending}: its inserter is its sender. A known key still {@code requested}
     * (recorded by an earlier version, which claimed in a transaction of its own) is claimed by whoever repeats it.
     * Otherwise the row as it stands. A row a concurrent request with the same key inserted after this statement began
     * is in none of the three (it is not in this statement's snapshot): {@link #recordAndClaim} reads it afterwards.
     * <p>
     * The claim of a paced send reserves its sender's next slot in the same statement ($16 the sender, $17 seconds
     * between two of its sends; null when not paced): the sender's slot after the previous reservation, or now when
     * that is past; the row then holds the slot after it. {@code wait_ms}: how long until the slot.
     */
    static final String RECORD_AND_CLAIM = """
            WITH inserted AS (
                INSERT INTO outbound_messages (id, idempotency_key, channel, to_address, from_address, conversation_sid,
                    author, body, media_urls, content_sid, content_variables, attributes, media_sid, template_kind,
                    requested_by, state)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST(CAST($9 AS TEXT) AS JSONB), $10,
                    CAST(CAST($11 AS TEXT) AS JSONB), $12, $13, $14, $15, 'sending')
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING *),
            claimed AS (
                UPDATE outbound_messages SET state = 'sending', updated_at = now()
                WHERE idempotency_key = $2 AND state = 'requested' AND NOT EXISTS (SELECT 1 FROM inserted)
                RETURNING *),
            paced AS (
                INSERT INTO sender_pacing AS p (sender, next_slot)
                SELECT CAST($16 AS TEXT), clock_timestamp() + make_interval(secs => CAST($17 AS DOUBLE PRECISION))
                WHERE CAST($16 AS TEXT) IS NOT NULL
                    AND (EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM claimed))
                ON CONFLICT (sender) DO UPDATE SET next_slot = GREATEST(p.next_slot, clock_timestamp())
                    + make_interval(secs => CAST($17 AS DOUBLE PRECISION))
                RETURNING GREATEST(0, extract(epoch FROM p.next_slot - clock_timestamp())
                    - CAST($17 AS DOUBLE PRECISION)) * 1000 AS wait_ms),
            found AS (
                SELECT true AS created, true AS claimed, * FROM inserted
                UNION ALL SELECT false, true, * FROM claimed
                UNION ALL SELECT false, false, * FROM outbound_messages
                    WHERE idempotency_key = $2
                        AND NOT EXISTS (SELECT 1 FROM inserted) AND NOT EXISTS (SELECT 1 FROM claimed))
            SELECT created, claimed, CASE WHEN claimed THEN (SELECT wait_ms FROM paced) END AS wait_ms, %s FROM found
            """.formatted(COLUMNS);

    static final String BY_KEY = """
            SELECT false AS created, false AS claimed, NULL AS wait_ms, %s
            FROM outbound_messages WHERE idempotency_key = $1""".formatted(COLUMNS);

    /** The facts {@link OutboundMessage#settle} decided; an announcement's event id, once chosen, is kept. */
    static final String SETTLE = """
            UPDATE outbound_messages SET state = $2, twilio_sid = $3, twilio_status = $4, error_code = $5,
                error_message = $6, attempts = $7, content_sid = $8, added_event_id = COALESCE(added_event_id, $9),
                updated_at = now()
            WHERE id = $1
            RETURNING %s""".formatted(COLUMNS);

    private final Pool pool;
    private final ObjectMapper json;

    public OutboundLog(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Records {@code draft}, or finds the row its idempotency key already has; claimed when this caller must send it.
     *
     * @param secondsBetweenSends the pace of the draft's sender; when present, a claim reserves the sender's next slot
     */
    public Uni<Recorded> recordAndClaim(OutboundMessage draft, Optional<Double> secondsBetweenSends) {
        return pool.preparedQuery(RECORD_AND_CLAIM).execute(recordAndClaimValues(draft, secondsBetweenSends))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(rows)
                        : pool.preparedQuery(BY_KEY).execute(Tuple.of(draft.idempotencyKey)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Double waitMillis = row.getDouble("wait_ms");
                    return new Recorded(row(row), row.getBoolean("created"), row.getBoolean("claimed"),
                            waitMillis == null ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(waitMillis)));
                });
    }

    /** Writes how the send ended to the claimed {@code row}; the row as stored. */
    public Uni<OutboundMessage> settle(OutboundMessage row, Settled settled) {
        row.settle(settled);
        return pool.preparedQuery(SETTLE).execute(settleValues(row)).map(this::only);
    }

    /** The parameters of {@link #RECORD_AND_CLAIM}. */
    Tuple recordAndClaimValues(OutboundMessage draft, Optional<Double> secondsBetweenSends) {
        return Tuple.from(new Object[] {draft.id, draft.idempotencyKey, draft.channel, draft.toAddress,
                draft.fromAddress, draft.conversationSid, draft.author, draft.body, toJson(draft.mediaUrls),
                draft.contentSid, draft.contentVariables == null ? null : toJson(draft.contentVariables),
                draft.attributes, draft.mediaSid, draft.templateKind, draft.requestedBy,
                secondsBetweenSends.isPresent() ? draft.fromAddress : null, secondsBetweenSends.orElse(null)});
    }

    /** The parameters of {@link #SETTLE}: the row as {@link OutboundMessage#settle} left it. */
    static Tuple settleValues(OutboundMessage row) {
        return Tuple.from(new Object[] {row.id, row.state, row.twilioSid, row.twilioStatus, row.errorCode,
                row.errorMessage, row.attempts, row.contentSid, row.addedEventId});
    }

    @WithSession
    public Uni<OutboundMessage> find(UUID id) {
        return OutboundMessage.findById(id);
    }

    private OutboundMessage only(RowSet<Row> rows) {
        return row(rows.iterator().next());
    }

    /** A row read with {@link #COLUMNS}. */
    OutboundMessage row(Row row) {
        OutboundMessage message = new OutboundMessage();
        message.id = row.getUUID("id");
        message.idempotencyKey = row.getString("idempotency_key");
        message.channel = row.getString("channel");
        message.toAddress = row.getString("to_address");
        message.fromAddress = row.getString("from_address");
        message.conversationSid = row.getString("conversation_sid");
        message.author = row.getString("author");
        message.body = row.getString("body");
        message.mediaUrls = new MediaUrlsColumn().convertToEntityAttribute(row.getString("media_urls"));
        message.contentSid = row.getString("content_sid");
        message.contentVariables = contentVariables(row.getString("content_variables"));
        message.attributes = row.getString("attributes");
        message.mediaSid = row.getString("media_sid");
        message.templateKind = row.getString("template_kind");
        message.requestedBy = row.getString("requested_by");
        message.state = row.getString("state");
        message.twilioSid = row.getString("twilio_sid");
        message.twilioStatus = row.getString("twilio_status");
        message.errorCode = row.getInteger("error_code");
        message.errorMessage = row.getString("error_message");
        message.attempts = row.getInteger("attempts");
        message.addedEventId = row.getString("added_event_id");
        message.announcedAt = row.getOffsetDateTime("announced_at") == null ? null
                : row.getOffsetDateTime("announced_at").toInstant();
        message.createdAt = row.getOffsetDateTime("created_at").toInstant();
        message.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return message;
    }

    private Map<String, String> contentVariables(String text) {
        try {
            return text == null ? null : json.readValue(text, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("content_variables is not a JSON object of strings: " + text, e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value, e);
        }
    }
}
