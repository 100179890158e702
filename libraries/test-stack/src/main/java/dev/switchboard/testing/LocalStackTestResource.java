package dev.switchboard.testing;

import static dev.switchboard.stack.ManagedProcesses.freePort;

import dev.switchboard.stack.KafkaBroker;
import dev.switchboard.stack.PostgresCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Gives every {@code @QuarkusTest} of a module a real Kafka broker and a real PostgreSQL (with the schema migrated),
 * started on free ports under the module's {@code target/test-stack} and stopped afterwards. Setting
 * {@code KAFKA_BOOTSTRAP_SERVERS} and {@code TEST_DB_JDBC_URL} uses servers that already run instead.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /** Lets a test stop and restart the broker it was given ({@link #brokerOf}). */
    public static final String KAFKA_DIR = "test-stack.kafka-dir";
    public static final String KAFKA_CONTROLLER_PORT = "test-stack.kafka-controller-port";
    /** Lets a test stop and restart the PostgreSQL it was given ({@link #postgresOf}). */
    public static final String POSTGRES_DIR = "test-stack.postgres-dir";
    public static final String POSTGRES_PORT = "test-stack.postgres-port";

    private KafkaBroker kafka;
    private int kafkaControllerPort;
    private PostgresCluster postgres;

    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "test-stack").toAbsolutePath();
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            kafkaControllerPort = freePort();
            kafka = new KafkaBroker(dir.resolve("kafka"), freePort(), kafkaControllerPort);
            kafka.delete();
            kafka.start();
            bootstrap = kafka.bootstrapServers();
        }
        String jdbcUrl = System.getenv("TEST_DB_JDBC_URL");
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            postgres = new PostgresCluster(dir.resolve("postgres"), dir.resolve("postgres.log"), freePort(), false);
            postgres.delete();
            postgres.start();
            jdbcUrl = postgres.jdbcUrl();
        }
        Flyway.configure().dataSource(jdbcUrl, PostgresCluster.USER, "").locations("classpath:db/migration").load()
                .migrate();

        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.datasource.reactive.url", jdbcUrl.replaceFirst("^jdbc:", ""));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        // Each service connects as its own role, its production default (V39__service_roles.sql); fixtures that write
        // what the service may not use SchemaOwner.
        // Tests verify asymmetric tokens through the real JWKS path, beside this run's HS256 secret.
        config.put("switchboard.auth.jwks-url", TestJwks.url());
        config.put("switchboard.auth.jwt-secret", TestTokens.SECRET);
        if (postgres != null) {
            config.put(POSTGRES_DIR, dir.resolve("postgres").toString());
            config.put(POSTGRES_PORT, Integer.toString(postgres.port()));
        }
        if (kafka != null) {
            config.put(KAFKA_DIR, dir.resolve("kafka").toString());
            config.put(KAFKA_CONTROLLER_PORT, Integer.toString(kafkaControllerPort));
        }
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.delete();
        }
        if (postgres != null) {
            postgres.delete();
        }
    }

    /** The broker this resource started, as seen from a test's configuration; empty when Kafka is external. */
    public static java.util.Optional<KafkaBroker> brokerOf(org.eclipse.microprofile.config.Config config) {
        return config.getOptionalValue(KAFKA_DIR, String.class).map(dir -> new KafkaBroker(Path.of(dir),
                Integer.parseInt(config.getValue("kafka.bootstrap.servers", String.class).replaceFirst(".*:", "")),
                config.getValue(KAFKA_CONTROLLER_PORT, Integer.class)));
    }

    /** The PostgreSQL this resource started, as seen from a test's configuration; empty when it is external. */
    public static java.util.Optional<PostgresCluster> postgresOf(org.eclipse.microprofile.config.Config config) {
        return config.getOptionalValue(POSTGRES_DIR, String.class).map(dir -> new PostgresCluster(Path.of(dir),
                Path.of(dir + ".log"), config.getValue(POSTGRES_PORT, Integer.class), false));
    }
}
