package dev.switchboard.conversations.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserTest {

    @Test
    void userIsStoredInPostgresAndFoundByPhoneNumber() throws Throwable {
        String phone = "+1555" + (System.nanoTime() % 10_000_000);
        User user = new User();
        user.username = "ada";
        user.phoneNumber = phone;

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(user::persist));
        User found = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> User.findByPhoneNumber(phone)));

        assertNotNull(found.id);
        assertNotNull(found.createdAt, "created_at comes from the database default");
        assertEquals("ada", found.username);
        assertEquals(0, found.points);
    }
}
