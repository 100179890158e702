package dev.switchboard.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from the Kafka jars of
 * Maven Central in a JVM of its own. The jars are the ones this module lists in {@code kafka-broker.classpath}.
 */
public final class KafkaBroker {

    /**
     * Switchboard's topics (dev.switchboard.events.Topics), created as soon as the broker runs, as production declares
     * them up front (k8s/base/kafka-topics.yaml). Left to auto-creation, the first event would create its topic, and a
     * consumer that starts at the latest offset (the realtime gateway) could join after it and never see that event.
     */
    static final List<String> TOPICS = List.of("twilio.message-events", "twilio.message-events.dlq", "task-events",
            "outbound-messages", "outbound-messages.dlq");
    private static final int PARTITIONS = 3;

    /**
     * A second listener, for clients that reach the broker through a relay (a TCP proxy): it listens on {@code port}
     * and advertises {@code relayPort}, so that the clients' later connections, made to the advertised address, go
     * through the relay too.
     */
    public record RelayedListener(int port, int relayPort) {
    }

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Optional<RelayedListener> relayed;
    private final Optional<Integer> scramPort;

    public KafkaBroker(Path dir, int port, int controllerPort) {
        this(dir, port, controllerPort, Optional.empty());
    }

    public KafkaBroker(Path dir, int port, int controllerPort, Optional<RelayedListener> relayed) {
        this(dir, port, controllerPort, relayed, Optional.empty());
    }

    private KafkaBroker(Path dir, int port, int controllerPort, Optional<RelayedListener> relayed,
            Optional<Integer> scramPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.relayed = relayed;
        this.scramPort = scramPort;
    }

    /**
     * This broker with a second listener on {@code scramPort} as production's is (k8s/base/kafka-users.yaml): clients
     * authenticate with SCRAM-SHA-512 and ACLs decide what they may do (StandardAuthorizer, nothing without an ACL).
     * The plain listener stays open to everything (its ANONYMOUS principal is a super user): it is where a test sets up
     * the users and their ACLs.
     */
    public KafkaBroker withScramListener(int scramPort) {
        return new KafkaBroker(dir, port, controllerPort, relayed, Optional.of(scramPort));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process while it runs (the benchmarks read its CPU time). */
    public Optional<Long> pid() {
        return ManagedProcesses.running(pidFile()).map(ProcessHandle::pid);
    }

    public boolean isRunning() {
        return ManagedProcesses.acceptsConnections("127.0.0.1", port);
    }

    /** Idempotent: formats the storage once, starts the broker unless it runs, waits until it accepts connections. */
    public void start() {
        if (isRunning()) {
            return;
        }
        writeConfig();
        Path log = dir.resolve("kafka.log");
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            ManagedProcesses.runOrFail(java("kafka.tools.StorageTool", "format", "--cluster-id", clusterId(),
                    "--config", serverProperties().toString(), "--ignore-formatted"), log);
        }
        ManagedProcesses.startDetached(java("kafka.Kafka", serverProperties().toString()), Map.of(), log, pidFile());
        ManagedProcesses.await("Kafka on port " + port, Duration.ofSeconds(60), () -> {
            if (ManagedProcesses.running(pidFile()).isEmpty()) {
                throw new IllegalStateException("Kafka exited at start; see " + log);
            }
            return isRunning();
        });
        List<String> create = new java.util.ArrayList<>(List.of(bootstrapServers(), Integer.toString(PARTITIONS)));
        create.addAll(TOPICS);
        ManagedProcesses.runOrFail(java(TopicCreator.class.getName(), create.toArray(String[]::new)), log);
    }

    public void stop() {
        ManagedProcesses.stop(pidFile(), Duration.ofSeconds(30));
    }

    public void delete() {
        stop();
        Directories.deleteRecursively(dataDir());
    }

    private List<String> java(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-cp", brokerClasspath() + java.io.File.pathSeparator + ownLocation(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path pidFile() {
        return dir.resolve("kafka.pid");
    }

    private Path serverProperties() {
        return dir.resolve("server.properties");
    }

    private void writeConfig() {
        String config = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d%4$s
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d%5$s
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,RELAYED:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                """.formatted(port, controllerPort, dataDir(),
                relayed.map(listener -> ",RELAYED://127.0.0.1:" + listener.port()).orElse("")
                        + scramPort.map(scram -> ",SCRAM://127.0.0.1:" + scram).orElse(""),
                relayed.map(listener -> ",RELAYED://127.0.0.1:" + listener.relayPort()).orElse("")
                        + scramPort.map(scram -> ",SCRAM://127.0.0.1:" + scram).orElse(""))
                + scramPort.map(scram -> """
                        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,RELAYED:PLAINTEXT,\
                        SCRAM:SASL_PLAINTEXT
                        listener.name.scram.sasl.enabled.mechanisms=SCRAM-SHA-512
                        listener.name.scram.scram-sha-512.sasl.jaas.config=\
                        org.apache.kafka.common.security.scram.ScramLoginModule required;
                        authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                        super.users=User:ANONYMOUS
                        """).orElse("");
        try {
            Files.createDirectories(dir);
            Files.writeString(serverProperties(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log4jConfig() {
        Path file = dir.resolve("log4j2.properties");
        try {
            Files.writeString(file, """
                    rootLogger.level=WARN
                    rootLogger.appenderRef.out.ref=out
                    appender.out.type=Console
                    appender.out.name=out
                    appender.out.layout.type=PatternLayout
                    appender.out.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n
                    logger.started.name=kafka.server.KafkaRaftServer
                    logger.started.level=INFO
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String clusterId() {
        byte[] uuid = new byte[16];
        new SecureRandom().nextBytes(uuid);
        // A leading '-' (1 id in 64) would be parsed by StorageTool as an option and fail the format.
        uuid[0] &= 0x7F;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
    }

    /** This module's classes (for {@link TopicCreator}): a folder in a build, a jar when installed. */
    private static String ownLocation() {
        try {
            return Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: build the local-stack module first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
