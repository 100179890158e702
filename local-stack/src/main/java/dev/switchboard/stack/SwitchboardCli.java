package dev.switchboard.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Behind {@code ./switchboard}: {@code up [--detach]}, {@code infra}, {@code status}, {@code down},
 * {@code dlq replay --topic <dlq> [--to <topic>] [--since <instant|duration>]} ({@link DeadLetterReplay}).
 * In the foreground it streams every service's log, prefixed with its name, until Ctrl-C or SIGTERM stops it all.
 */
public final class SwitchboardCli {

    private static final Duration READINESS_TIMEOUT = Duration.ofMinutes(4);

    private SwitchboardCli() {
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(StackSettings.fromEnvironment(Path.of("").toAbsolutePath()));
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
            default -> {
                System.err.println("usage: switchboard up [--detach] | infra | status | down"
                        + " | dlq replay --topic <dlq> [--to <topic>] [--since <instant|duration>]");
                System.exit(command.equals("help") ? 0 : 2);
            }
        }
    }

    /** Against the broker KAFKA_BOOTSTRAP_SERVERS names, else the local stack's. */
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
        int replayed = new DeadLetterReplay(stack.kafkaBootstrapServers()).replay(request);
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
        if (!detach) {
            System.out.println("Ctrl-C stops everything.");
            stopped.await();
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
