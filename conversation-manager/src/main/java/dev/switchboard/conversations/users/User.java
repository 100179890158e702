package dev.switchboard.conversations.users;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who sends photos and earns points; found by phone number (SMS/WhatsApp) or chat identity (app). */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public String username;

    @Column(name = "phone_number")
    public String phoneNumber;

    @Column(name = "chat_identity")
    public String chatIdentity;

    public long points;

    public static Uni<User> findByPhoneNumber(String e164) {
        return find("phoneNumber", e164).firstResult();
    }
}
