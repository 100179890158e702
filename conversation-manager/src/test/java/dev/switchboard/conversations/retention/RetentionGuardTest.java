package dev.switchboard.conversations.retention;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionGuardTest {

    @Test
    void aProcessedEventsRetentionNotOutlivingRedeliveryIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RetentionGuard.validate(config(Duration.ofDays(14), Duration.ofDays(30))));
        assertTrue(refused.getMessage().contains("processed twice"), refused.getMessage());
        assertThrows(IllegalStateException.class,
                () -> RetentionGuard.validate(config(Duration.ofDays(30), Duration.ofDays(30))));
    }

    @Test
    void anEventLogRetentionNotOutlivingRedeliveryIsRefused() {
        RetentionConfig shortLog = new Delegating(config(Duration.ofDays(35), Duration.ofDays(30))) {
            @Override
            public Duration messageEvents() {
                return Duration.ofDays(7);
            }
        };
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RetentionGuard.validate(shortLog));
        assertTrue(refused.getMessage().contains("message-events"), refused.getMessage());
    }

    @Test
    void theDefaultsAreAccepted() {
        assertDoesNotThrow(() -> RetentionGuard.validate(config(Duration.ofDays(35), Duration.ofDays(30))));
    }

    private static RetentionConfig config(Duration processedEvents, Duration redeliveryWindow) {
        return new RetentionConfig() {
            public Duration messageEvents() {
                return Duration.ofDays(90);
            }

            public Duration outbox() {
                return Duration.ofDays(7);
            }

            public Duration processedEvents() {
                return processedEvents;
            }

            public Duration redeliveryWindow() {
                return redeliveryWindow;
            }

            public int batchSize() {
                return 500;
            }

            public int maxBatchesPerRun() {
                return 200;
            }

            public String every() {
                return "10m";
            }
        };
    }

    private static class Delegating implements RetentionConfig {
        private final RetentionConfig base;

        Delegating(RetentionConfig base) {
            this.base = base;
        }

        public Duration messageEvents() {
            return base.messageEvents();
        }

        public Duration outbox() {
            return base.outbox();
        }

        public Duration processedEvents() {
            return base.processedEvents();
        }

        public Duration redeliveryWindow() {
            return base.redeliveryWindow();
        }

        public int batchSize() {
            return base.batchSize();
        }

        public int maxBatchesPerRun() {
            return base.maxBatchesPerRun();
        }

        public String every() {
            return base.every();
        }
    }
}
