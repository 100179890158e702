package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a service's own database role promises (V39__service_roles.sql), asked of PostgreSQL itself through the
 * service's pool; a service's {@code DatabaseRoleTest} extends it and names its role, the statements its work needs
 * and statements it must be refused.
 */
public abstract class DatabaseRoleContract {

    private final String role;
    private final List<String> allowed;
    private final List<String> refused;

    protected DatabaseRoleContract(String role, List<String> allowed, List<String> refused) {
        this.role = role;
        this.allowed = allowed;
        this.refused = refused;
    }

    @Test
    void connectsAsItsOwnRole() {
        assertEquals(role, Privileges.role(pool()));
    }

    @Test
    void mayRunWhatItsWorkNeeds() {
        for (String sql : allowed) {
            assertFalse(Privileges.refused(pool(), sql), role + " is refused " + sql);
        }
    }

    @Test
    void isRefusedWhatItsWorkDoesNotNeed() {
        for (String sql : refused) {
            assertTrue(Privileges.refused(pool(), sql), role + " may run " + sql);
        }
    }

    /** The service's own pool, as its code gets it. */
    private static Pool pool() {
        return CDI.current().select(Pool.class).get();
    }
}
