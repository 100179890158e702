package dev.switchboard.realtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The catch-up's statements reach PostgreSQL with the setting that keeps them on their indexes (EventLog). */
@QuarkusTest
class CatchUpPlanningTest {

    @Inject
    Pool pool;

    @Test
    void everyConnectionPlansEachStatementForItsValues() {
        String mode = pool.query("SHOW plan_cache_mode").execute().await().indefinitely()
                .iterator().next().getString(0);

        assertEquals("force_custom_plan", mode);
    }
}
