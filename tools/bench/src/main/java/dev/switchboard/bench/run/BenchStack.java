package dev.switchboard.bench.run;

import dev.switchboard.bench.streams.BenchUsers;
import dev.switchboard.events.Topics;
import dev.switchboard.stack.LocalSettings;
import dev.switchboard.stack.LocalStack;
import dev.switchboard.stack.ServiceProcess;
import dev.switchboard.stack.StackSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The servers of a benchmark: the local stack on {@code ./switchboard}'s ports and folders (so {@code ./switchboard
 * status} and {@code down} see it), with only the services a scenario needs running, plus the bare baseline servers.
 * Everything runs on the CPUs this JVM was pinned to, unless {@link #pin} moves it. {@link #close()} stops all of it.
 */
final class BenchStack implements AutoCloseable {

    static final int USERS = 10_000;
    static final int PARTICIPANTS = 1_000;
    private static final Duration READY = Duration.ofMinutes(4);
    /** conversation-manager's consumer groups on twilio.message-events. */
    private static final List<String> GROUPS = List.of("persistence", "media", "task-completion");

    /** Messages per second of the bench's WhatsApp sender (SENDER_RATE_WHATSAPP_NUMBER), which P7 checks. */
    static final int PACED_WHATSAPP_RATE = 50;
    /** Where the bench's Kafka and PostgreSQL keep their data, under the project root. */
    private static final String STACK_DIR = "tools/bench/target/stack";

    private final Path root;
    private final LocalStack stack;
    private final Map<String, String> environment;
    private final List<Process> bare = new ArrayList<>();

    BenchStack(Path root) {
        this.root = root;
        StackSettings fromEnvironment = StackSettings.fromEnvironment(root);
        // P7's paced sender (OutboundDrain): the WhatsApp number at its configured rate, the SMS number unpaced.
        // Its own data, not ./switchboard up's (target/local-stack), made afresh by start().
        StackSettings settings = new StackSettings(fromEnvironment.projectRoot(), root.resolve(STACK_DIR),
                fromEnvironment.kafkaPort(), fromEnvironment.kafkaControllerPort(), fromEnvironment.postgresPort(),
                fromEnvironment.externalKafka(), fromEnvironment.externalDatabaseHost(), fromEnvironment.servicePorts(),
                fromEnvironment.twilioStandInPort(),
                Map.of("SENDER_RATE_WHATSAPP_NUMBER", Integer.toString(PACED_WHATSAPP_RATE)));
        this.stack = new LocalStack(settings);
        // The secret the stack's services get (LocalStack): the bench signs its clients' tokens with it.
        this.environment = LocalSettings.environment(
                Map.of("SWITCHBOARD_JWT_SECRET", LocalSettings.jwtSecret(settings.stackDir())), Map.of());
    }

    /**
     * Starts Kafka, PostgreSQL and the stand-in on empty data, migrates the schema and makes the bench users. Each
     * invocation starts from empty tables: on the data of earlier invocations, P2's consumer wrote into tables and
     * indexes grown to gigabytes while its pgbench baseline wrote into fresh copies (docs/benchmarks.md, P2).
     */
    void start() throws Exception {
        stack.destroy();
        stack.startInfrastructure();
        only(Set.of("conversation-manager"));
        BenchUsers.ensure(jdbcUrl(), USERS, PARTICIPANTS);
    }

    /**
     * Runs exactly these services. Before conversation-manager starts, its groups skip what earlier scenarios left on
     * the topic, so that it does not work through another scenario's events during this one.
     */
    void only(Set<String> wanted) throws Exception {
        for (ServiceProcess service : stack.services()) {
            if (!wanted.contains(service.name())) {
                service.stop();
            }
        }
        for (ServiceProcess service : stack.services()) {
            if (wanted.contains(service.name()) && !service.isRunning()) {
                if (service.name().equals("conversation-manager")) {
                    skipBacklog();
                }
                stack.restart(service.name(), READY);
            }
        }
    }

    /** Moves every process this benchmark started (Kafka, PostgreSQL and its backends, services, stand-in) to these CPUs. */
    void pin(String cpus) throws Exception {
        Stream<ProcessHandle> postgres = ProcessHandle.of(postmaster()).stream()
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()));
        for (ProcessHandle process : Stream.concat(ProcessHandle.current().descendants(), postgres).toList()) {
            // A process that has exited meanwhile makes taskset fail; nothing to move then.
            new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /** Moves the Twilio stand-in alone to these CPUs. */
    void pinStandIn(String cpus) throws Exception {
        long pid = stack.twilioStandIn().flatMap(ServiceProcess::pid)
                .orElseThrow(() -> new IllegalStateException("the Twilio stand-in is not running"));
        new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** pg_ctl detaches PostgreSQL from this JVM: its server and backends are found through the postmaster's pid. */
    private long postmaster() throws IOException {
        return Long.parseLong(Files.readAllLines(stack.postgres().dataDir().resolve("postmaster.pid")).get(0).trim());
    }

    /**
     * P6's processes as {@code name:pid,...}: these services, the stand-in, the Kafka broker and PostgreSQL's
     * postmaster (whose tree holds its backends).
     */
    String processes(Set<String> services) throws IOException {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (String name : services.stream().sorted().toList()) {
            pids.put(name, service(name).pid().orElseThrow(() -> new IllegalStateException(name + " is not running")));
        }
        pids.put("twilio-standin", stack.twilioStandIn().flatMap(ServiceProcess::pid)
                .orElseThrow(() -> new IllegalStateException("the Twilio stand-in is not running")));
        pids.put("kafka", stack.kafka().pid().orElseThrow(() -> new IllegalStateException("Kafka is not running")));
        pids.put("postgresql", postmaster());
        return pids.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The stand-in's base URL (its control API is under {@code /_standin}). */
    String standInUrl() {
        return stack.twilioStandIn().map(ServiceProcess::url)
                .orElseThrow(() -> new IllegalStateException("the stack runs without the Twilio stand-in"));
    }

    ServiceProcess service(String name) {
        return stack.service(name);
    }

    /** Starts a bare server of this module in its own JVM (same heap and GC as the services) and waits for its port. */
    Process bare(Class<?> main, int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), main.getName(), Integer.toString(port)));
        command.addAll(List.of(args));
        return launch(main.getSimpleName(), command, port);
    }

    /**
     * Starts a baseline server (on this JVM's CPUs, like everything it starts), logging to {@code logs/<name>.log},
     * and waits until all its ports listen; {@link #stop} or {@link #close()} ends it.
     */
    Process launch(String name, List<String> command, int... ports) throws Exception {
        Path log = root.resolve("tools/bench/target/logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        bare.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int port : ports) {
            while (!listening(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not start; see " + log);
                }
                Thread.sleep(100);
            }
        }
        return process;
    }

    /** The folder under {@code tools/bench/target} where a baseline keeps its configuration and files. */
    Path workDir(String name) {
        return root.resolve("tools/bench/target").resolve(name);
    }

    void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        bare.remove(process);
    }

    String kafka() {
        return stack.kafkaBootstrapServers();
    }

    String jdbcUrl() {
        return stack.postgres().jdbcUrl();
    }

    int postgresPort() {
        return stack.postgres().port();
    }

    String setting(String name) {
        return environment.get(name);
    }

    /** The URL webhook-ingest checks signatures against. */
    String ingestPublicUrl() {
        String configured = environment.get("SWITCHBOARD_PUBLIC_URL");
        return configured != null && !configured.isBlank() ? configured : service("webhook-ingest").url();
    }

    @Override
    public void close() {
        for (Process process : List.copyOf(bare)) {
            try {
                stop(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        stack.stop();
    }

    private void skipBacklog() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
            int partitions = admin.describeTopics(List.of(Topics.MESSAGE_EVENTS)).allTopicNames().get()
                    .get(Topics.MESSAGE_EVENTS).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.MESSAGE_EVENTS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            for (String group : GROUPS) {
                admin.alterConsumerGroupOffsets(group, ends).all().get();
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
