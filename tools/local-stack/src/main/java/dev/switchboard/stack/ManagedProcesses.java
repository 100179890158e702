package dev.switchboard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Starting, finding and stopping the background processes of the stack, each remembered in a pid file. */
public final class ManagedProcesses {

    /** Every port {@link #freePort()} returned, so it returns none twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private ManagedProcesses() {
    }

    /**
     * Starts a command in its own session ({@code setsid}) so that a Ctrl-C in the terminal reaches only the
     * launcher, which then stops everything in order (services, then Kafka, then PostgreSQL).
     */
    static long startDetached(List<String> command, Map<String, String> env, Path log, Path pidFile) {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            long pid = builder.start().pid();
            Files.writeString(pidFile, Long.toString(pid));
            return pid;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    static Optional<ProcessHandle> running(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; removes the pid file. */
    static void stop(Path pidFile, Duration grace) {
        running(pidFile).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception timedOut) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a pid file we cannot delete is re-checked against the live process table next time
        }
    }

    /** SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed or committed. */
    static void kill(Path pidFile) {
        running(pidFile).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
        });
    }

    static int run(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    static void runOrFail(List<String> command, Path log) {
        int exit = run(command, log);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit + "; see " + log);
        }
    }

    static boolean acceptsConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port nobody listens on, below Linux's ephemeral range (32768 and up). A port the kernel hands out for
     * {@code new ServerSocket(0)} lies in that range, where any client socket opened before our process binds it (a
     * Kafka client of a service starting meanwhile) can take it as its local port: "port in use" at start.
     * Never the same port twice in one JVM: ports drawn together (a suite's services, say) are all still free when
     * drawn, so two draws could agree, and the second service would not start (CI saw realtime-gateway and
     * message-sender both given one).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_768);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException inUse) {
                // taken: draw another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32767 after 100 draws");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
