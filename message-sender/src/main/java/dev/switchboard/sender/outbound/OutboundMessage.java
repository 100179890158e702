package dev.switchboard.sender.outbound;

import dev.switchboard.events.EventIds;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One requested send, recorded before Twilio is called; its idempotency key makes a repeated request a no-op. */
@Entity
@DynamicUpdate
@Table(name = "outbound_messages")
public class OutboundMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** sms | whatsapp | conversation */
    public String channel;

    @Column(name = "to_address")
    public String toAddress;

    /** E.164 / whatsapp: address, or the Messaging Service SID (MG...) that picks the sender. */
    @Column(name = "from_address")
    public String fromAddress;

    @Column(name = "conversation_sid")
    public String conversationSid;

    public String author;

    public String body;

    @Convert(converter = MediaUrlsColumn.class)
    @ColumnTransformer(read = "CAST(media_urls AS TEXT)")
    @Column(name = "media_urls", insertable = false, updatable = false)
    public List<String> mediaUrls = List.of();

    @Column(name = "content_sid")
    public String contentSid;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "content_variables")
    public Map<String, String> contentVariables;

    public String attributes;

    @Column(name = "media_sid")
    public String mediaSid;

    @Column(name = "template_kind")
    public String templateKind;

    /** Who asked: {@code <role>:<sub>} for REST calls, {@code kafka:<topic>} for commands. */
    @Column(name = "requested_by")
    public String requestedBy;

    public String state;

    @Column(name = "twilio_sid")
    public String twilioSid;

    @Column(name = "twilio_status")
    public String twilioStatus;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    public int attempts;

    /**
     * Id of the {@code message.added} that announces this send as a message (SMS/WhatsApp sends Twilio accepted),
     * chosen once when the row is settled, so a republished announcement is a duplicate consumers drop.
     */
    @Column(name = "added_event_id")
    public String addedEventId;

    /** When Kafka acknowledged the announcement; written by {@link Announcements} only. */
    @Column(name = "announced_at", insertable = false, updatable = false)
    public Instant announcedAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", insertable = false)
    public Instant updatedAt;

    public static Uni<OutboundMessage> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResult();
    }

    void settle(Settled settled) {
        state = settled.state().value();
        twilioSid = settled.twilioSid();
        twilioStatus = settled.twilioStatus();
        errorCode = settled.errorCode();
        errorMessage = settled.errorMessage();
        attempts = settled.attempts();
        contentSid = settled.contentSid();
        updatedAt = Instant.now();
        if (addedEventId == null && announcesAMessage()) {
            addedEventId = EventIds.next();
        }
    }

    /**
     * Whether this send is a message of its own to announce: an SMS/WhatsApp Twilio accepted. A Conversations message
     * comes back through the conversation's onMessageAdded webhook, so announcing it too would double it.
     */
    public boolean announcesAMessage() {
        return twilioSid != null && !"conversation".equals(channel)
                && OutboundState.SENT.value().equals(state);
    }
}
