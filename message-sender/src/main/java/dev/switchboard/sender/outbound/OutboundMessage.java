package dev.switchboard.sender.outbound;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One requested send, recorded before Twilio is called; its idempotency key makes a repeated request a no-op. */
@Entity
@Table(name = "outbound_messages")
public class OutboundMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public String channel;

    @Column(name = "to_address")
    public String toAddress;

    @Column(name = "from_address")
    public String fromAddress;

    public String body;

    public String state;

    @Column(name = "twilio_sid")
    public String twilioSid;

    @Column(name = "error_code")
    public Integer errorCode;

    public int attempts;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Uni<OutboundMessage> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResult();
    }
}
