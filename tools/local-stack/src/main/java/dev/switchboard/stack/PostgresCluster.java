package dev.switchboard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private PostgreSQL cluster from the machine's PostgreSQL binaries, listening on 127.0.0.1 only, with a
 * {@code switchboard} superuser (trust auth on loopback) and a database of the same name.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root, so as root they run as the {@code postgres} user,
 * in a data folder that user can reach.
 */
public final class PostgresCluster {

    public static final String USER = "switchboard";
    public static final String DATABASE = "switchboard";

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final boolean durable;

    /**
     * @param durable false for throw-away test clusters: fsync off, which makes them several times faster
     */
    public PostgresCluster(Path dataDir, Path log, int port, boolean durable) {
        this.dataDir = reachableDataDir(dataDir, port);
        this.log = log;
        this.port = port;
        this.durable = durable;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public boolean isRunning() {
        return ManagedProcesses.acceptsConnections("127.0.0.1", port);
    }

    /** Idempotent: creates the cluster on first use, starts it unless it runs, and waits until it accepts connections. */
    public void start() {
        if (isRunning()) {
            return;
        }
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initialize();
        }
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"));
        if (!durable) {
            options.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"));
        }
        ManagedProcesses.runOrFail(asOwner(PostgresBinaries.path("pg_ctl"), "-D", dataDir.toString(),
                "-l", dataDir.resolve("server.log").toString(), "-o", String.join(" ", options), "-w", "-t", "60",
                "start"), log);
        ManagedProcesses.await("PostgreSQL on port " + port, Duration.ofSeconds(30), this::isRunning);
        createDatabaseIfMissing();
    }

    public void stop() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            ManagedProcesses.run(asOwner(PostgresBinaries.path("pg_ctl"), "-D", dataDir.toString(), "-m", "fast",
                    "-w", "-t", "30", "stop"), log);
        }
    }

    public void delete() {
        stop();
        Directories.deleteRecursively(dataDir);
    }

    private void initialize() {
        try {
            Files.createDirectories(dataDir);
            if (ManagedProcesses.isRoot()) {
                ManagedProcesses.runOrFail(List.of("chown", "-R", "postgres:postgres", dataDir.toString()), log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        ManagedProcesses.runOrFail(asOwner(PostgresBinaries.path("initdb"), "-D", dataDir.toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"), log);
    }

    private void createDatabaseIfMissing() {
        String psql = PostgresBinaries.path("psql");
        List<String> exists = List.of(psql, "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", "postgres",
                "-tAc", "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
        try {
            Process check = new ProcessBuilder(exists).redirectErrorStream(true).start();
            String out = new String(check.getInputStream().readAllBytes()).trim();
            if (check.waitFor() == 0 && out.equals("1")) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ManagedProcesses.runOrFail(List.of(PostgresBinaries.path("createdb"), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", USER, DATABASE), log);
    }

    private static List<String> asOwner(String... command) {
        List<String> full = new ArrayList<>();
        if (ManagedProcesses.isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /**
     * As root, the data folder must be reachable by the {@code postgres} user; a clone inside a private folder
     * (mktemp's 0700, say) is not, so the cluster then lives in the system temp folder, named by its port.
     */
    private static Path reachableDataDir(Path wanted, int port) {
        if (!ManagedProcesses.isRoot()) {
            return wanted;
        }
        Path existing = wanted;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean reachable = existing != null && ManagedProcesses.run(
                List.of("runuser", "-u", "postgres", "--", "test", "-x", existing.toString()), Path.of("/dev/null")) == 0;
        return reachable ? wanted : Path.of(System.getProperty("java.io.tmpdir"), "switchboard-postgres-" + port);
    }
}
