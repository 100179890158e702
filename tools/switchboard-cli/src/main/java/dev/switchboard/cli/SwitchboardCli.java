package dev.switchboard.cli;

import dev.switchboard.cli.simulate.TwilioSimulator;
import dev.switchboard.stack.DemoWorld;
import dev.switchboard.stack.LocalSettings;
import dev.switchboard.stack.LocalStack;
import dev.switchboard.stack.LocalTokens;
import dev.switchboard.stack.ProjectLayout;
import dev.switchboard.stack.StackSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Behind {@code ./switchboard}: {@code up [--detach]}, {@code infra}, {@code status}, {@code down},
 * {@code token} ({@link TokenCommand}), {@code simulate} ({@link TwilioSimulator}),
 * {@code dlq replay --topic <dlq> [--to <topic>] [--since <instant|duration>]} ({@link DeadLetterReplay}),
 * {@code reconcile [--since PT2H]} ({@link ReconcileCommand}).
 * In the foreground it streams every service's log, prefixed with its name, until Ctrl-C or SIGTERM stops it all.
 */
public final class SwitchboardCli {

    private static final Duration READINESS_TIMEOUT = Duration.ofMinutes(4);

    private SwitchboardCli() {
    }

    static final String USAGE = """
            usage: ./switchboard <command> [options]
              up [--detach]      start Kafka, PostgreSQL, the Twilio stand-in and the four services, seed the demo
                                 world (local only), print the demo page and tokens; Ctrl-C stops everything
              infra              only Kafka, PostgreSQL and the stand-in (e.g. for mvn quarkus:dev)
              status             where each part listens and whether it is ready
              down               stop everything this launcher started
              token              a token for the local suite: token --help
              simulate           signed Twilio webhooks to the running suite: simulate --help
              dlq replay         re-publish dead letters: dlq replay --topic <dlq> [--to <topic>] [--since PT2H|<instant>]
              reconcile          heal what Twilio never told the suite, from Twilio's lists: reconcile --help
              test               the whole test suite (mvn verify)
              images             OCI image tarballs of the services (Jib, no Docker daemon)
              bench              the benchmarks beside their baselines: bench [P1..P5|all] [--runs 3]
            Settings are environment variables (KAFKA_PORT, PG_PORT, TWILIO_AUTH_TOKEN, ...): README, "Configuration".
            """;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulate")) {
            TwilioSimulator.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        StackSettings settings = StackSettings.fromEnvironment(ProjectLayout.root());
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(List.of(args).subList(1, args.length),
                    LocalSettings.localJwtSecret(settings.stackDir()),
                    Optional.ofNullable(System.getenv("SWITCHBOARD_JWT_SECRET")).filter(s -> !s.isBlank()),
                    System.out, System.err));
        }
        LocalStack stack = new LocalStack(settings);
        if (args.length > 0 && args[0].equals("reconcile")) {
            System.exit(ReconcileCommand.run(List.of(args).subList(1, args.length), System.getenv(),
                    stack.service("conversation-manager").url(),
                    () -> LocalTokens.serviceRole(Duration.ofMinutes(10), LocalSettings.jwtSecret(settings.stackDir())),
                    System.out, System.err));
        }
        String command = args.length == 0 ? "help" : args[0];
        boolean detach = args.length > 1 && args[1].equals("--detach");
        switch (command) {
            case "up" -> up(stack, detach);
            case "infra" -> {
                stack.startInfrastructure();
                System.out.print(stack.describe());
            }
            case "status" -> System.out.print(stack.describe());
            case "down" -> {
                stack.stop();
                System.out.println("switchboard stopped");
            }
            case "dlq" -> replayDeadLetters(stack, List.of(args).subList(1, args.length));
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> {
                System.err.println("switchboard: unknown command '" + command + "' (./switchboard help lists them)");
                System.exit(2);
            }
        }
    }

    /** Against the broker KAFKA_BOOTSTRAP_SERVERS names, else the local stack's; authenticated as KAFKA_SASL_* say. */
    private static void replayDeadLetters(LocalStack stack, List<String> args) {
        DeadLetterReplay.Request request;
        try {
            if (args.isEmpty() || !args.get(0).equals("replay")) {
                throw new IllegalArgumentException("the dlq command is: dlq replay --topic <dlq> ...");
            }
            request = DeadLetterReplay.Request.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("switchboard dlq: " + e.getMessage());
            System.exit(2);
            return;
        }
        int replayed = new DeadLetterReplay(stack.kafkaBootstrapServers(),
                KafkaClientSecurity.from(System.getenv())).replay(request);
        System.out.println("replayed " + replayed + " dead letters from " + request.deadLetterTopic()
                + request.to().map(to -> " to " + to).orElse(" to their source topics"));
    }

    private static void up(LocalStack stack, boolean detach) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("\nstopping switchboard ...");
                stack.stop();
                stopped.countDown();
            }));
            stack.services().forEach(service -> follow(service.name(), service.log()));
        }
        try {
            stack.startInfrastructure();
            stack.startServices(READINESS_TIMEOUT);
        } catch (RuntimeException e) {
            System.err.println("switchboard failed to start: " + e.getMessage());
            if (detach) {
                stack.stop();
            }
            System.exit(1);
        }
        System.out.println("switchboard is up:");
        System.out.print(stack.describe());
        if (stack.usesTwilioStandIn()) {
            seedDemoWorld(stack);
        }
        if (!detach) {
            System.out.println("Ctrl-C stops everything.");
            stopped.await();
        }
    }

    /** Only against the stand-in: demo users and a gig chat have no place beside a real Twilio account. */
    private static void seedDemoWorld(LocalStack stack) {
        DemoWorld demo = new DemoWorld(stack.service("conversation-manager").url(),
                LocalSettings.jwtSecret(stack.settings().stackDir()));
        try {
            demo.seed();
            System.out.print(demo.describe(stack.service("realtime-gateway").url()));
        } catch (IllegalStateException e) {
            System.err.println("the demo world could not be seeded: " + e.getMessage());
        }
    }

    /** Streams the lines appended to a log from now on, each prefixed with its service's name. */
    private static void follow(String name, Path log) {
        Thread follower = new Thread(() -> {
            String prefix = String.format("%-21s| ", name);
            try {
                Files.createDirectories(log.getParent());
                if (!Files.exists(log)) {
                    Files.createFile(log);
                }
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(file.length());
                    while (true) {
                        String line = file.readLine();
                        if (line == null) {
                            Thread.sleep(100);
                        } else {
                            System.out.println(prefix + new String(line.getBytes(StandardCharsets.ISO_8859_1),
                                    StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                System.err.println(prefix + "log no longer followed: " + e.getMessage());
            }
        }, "follow-" + name);
        follower.setDaemon(true);
        follower.start();
    }
}
