package dev.switchboard.realtime;

import dev.switchboard.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against the real Kafka and PostgreSQL of the test stack. */
@QuarkusTestResource(LocalStackTestResource.class)
public class WithLocalStack {
}
