package dev.switchboard.ingest.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a webhook waits for Kafka (env {@code SWITCHBOARD_PUBLISH_ACK_TIMEOUT}). */
@ConfigMapping(prefix = "switchboard.publish")
public interface PublishConfig {

    /** Longest wait for the broker's ack before answering 503; inside Twilio's 5 s (Conversations) and 15 s (Messaging). */
    @WithDefault("4S")
    Duration ackTimeout();
}
