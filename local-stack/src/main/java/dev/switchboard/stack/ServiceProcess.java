package dev.switchboard.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One process of the suite (a Switchboard service, or the Twilio stand-in), run from its jar in a JVM of its own. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Path stackDir;
    private final String readinessPath;

    private ServiceProcess(String name, Path jar, int port, Path stackDir, String readinessPath) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.stackDir = stackDir;
        this.readinessPath = readinessPath;
    }

    /** A Switchboard service: its Quarkus fast-jar, ready when {@code /q/health/ready} says so. */
    public static ServiceProcess quarkusService(String name, Path projectRoot, int port, Path stackDir) {
        return new ServiceProcess(name, projectRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), port,
                stackDir, "/q/health/ready");
    }

    /** The local Twilio stand-in, ready when its control API answers. */
    public static ServiceProcess twilioStandIn(Path projectRoot, int port, Path stackDir) {
        return new ServiceProcess("twilio-standin",
                projectRoot.resolve("twilio-standin/target/twilio-standin-1.0.0-SNAPSHOT.jar"), port, stackDir,
                "/_standin/requests");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return stackDir.resolve("logs").resolve(name + ".log");
    }

    /** The process id while it runs (benchmarks read its memory). */
    public java.util.OptionalLong pid() {
        return ManagedProcesses.running(pidFile()).stream().mapToLong(ProcessHandle::pid).findFirst();
    }

    public boolean isRunning() {
        return ManagedProcesses.running(pidFile()).isPresent();
    }

    public void start(Map<String, String> env) {
        if (isRunning()) {
            return;
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with 'mvn package -DskipTests'");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcesses.startDetached(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                env, log(), pidFile());
    }

    public void awaitReady(Duration timeout) {
        ManagedProcesses.await(name + " readiness at " + url() + readinessPath, timeout, () -> {
            if (!isRunning()) {
                throw new IllegalStateException(name + " exited at start; see " + log());
            }
            return isReady();
        });
    }

    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + readinessPath))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    public void stop() {
        ManagedProcesses.stop(pidFile(), Duration.ofSeconds(30));
    }

    /** Kills the process as a crash would ({@code kill -9}). */
    public void kill() {
        ManagedProcesses.kill(pidFile());
    }

    private Path pidFile() {
        return stackDir.resolve(name + ".pid");
    }
}
