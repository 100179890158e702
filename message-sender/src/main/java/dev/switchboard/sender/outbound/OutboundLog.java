package dev.switchboard.sender.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The outbound log: a request is recorded once per idempotency key ({@code INSERT ... ON CONFLICT DO NOTHING}, never
 * check-then-insert), and only the caller whose conditional update moves it from requested to sending calls Twilio.
 */
@ApplicationScoped
public class OutboundLog {

    private static final String INSERT = """
            INSERT INTO outbound_messages (id, idempotency_key, channel, to_address, from_address, conversation_sid,
                author, body, media_urls, content_sid, content_variables, attributes, media_sid, template_kind,
                requested_by, state)
            VALUES (:id, :key, :channel, :to, :from, :conversationSid, :author, :body,
                CAST(CAST(:mediaUrls AS TEXT) AS JSONB), :contentSid, CAST(CAST(:contentVariables AS TEXT) AS JSONB),
                :attributes, :mediaSid, :templateKind, :requestedBy, 'requested')
            ON CONFLICT (idempotency_key) DO NOTHING""";

    private static final String CLAIM = """
            UPDATE outbound_messages SET state = 'sending', updated_at = now()
            WHERE id = :id AND state = 'requested'""";

    private final ObjectMapper json;

    public OutboundLog(ObjectMapper json) {
        this.json = json;
    }

    /** Records {@code draft}, or finds the row its idempotency key already has. */
    @WithTransaction
    public Uni<Recorded> record(OutboundMessage draft) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", draft.id)
                        .setParameter("key", draft.idempotencyKey)
                        .setParameter("channel", draft.channel)
                        .setParameter("to", draft.toAddress)
                        .setParameter("from", draft.fromAddress)
                        .setParameter("conversationSid", draft.conversationSid)
                        .setParameter("author", draft.author)
                        .setParameter("body", draft.body)
                        .setParameter("mediaUrls", toJson(draft.mediaUrls))
                        .setParameter("contentSid", draft.contentSid)
                        .setParameter("contentVariables", draft.contentVariables == null ? null : toJson(draft.contentVariables))
                        .setParameter("attributes", draft.attributes)
                        .setParameter("mediaSid", draft.mediaSid)
                        .setParameter("templateKind", draft.templateKind)
                        .setParameter("requestedBy", draft.requestedBy)
                        .executeUpdate())
                .chain(inserted -> OutboundMessage.findByIdempotencyKey(draft.idempotencyKey)
                        .map(row -> new Recorded(row, inserted == 1)));
    }

    /** True for exactly one caller per row: the one that may call Twilio. */
    @WithTransaction
    public Uni<Boolean> claim(UUID id) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM).setParameter("id", id).executeUpdate())
                .map(updated -> updated == 1);
    }

    @WithTransaction
    public Uni<OutboundMessage> settle(UUID id, Settled settled) {
        return OutboundMessage.<OutboundMessage>findById(id)
                .invoke(row -> row.settle(settled));
    }

    @WithSession
    public Uni<OutboundMessage> find(UUID id) {
        return OutboundMessage.findById(id);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + value, e);
        }
    }
}
