package dev.switchboard.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One process of the suite (a Switchboard service, or the Twilio stand-in), run from its jar in a JVM of its own. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** A small heap and the serial collector: ten processes share this machine's cores. */
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    /**
     * realtime-gateway keeps the last minutes' events for catch-ups ({@code RecentEvents}) and every open stream's
     * state: objects that outlive many young collections. Copied from survivor space to survivor space at each one (the
     * default threshold, 15), they lengthened its pauses, paid by every live delivery waiting behind them. Promoted at
     * their first collection (threshold 0), so was everything merely in flight at that moment, such as the work of
     * streams being opened, and the pages it filled stayed resident once a full collection freed them. Promoted at
     * their second, they are copied once more and the in-flight work dies young (docs/benchmarks-history.md, P4 and P5).
     */
    private static final List<String> GATEWAY_JVM = Stream.concat(JVM.stream(),
            Stream.of("-XX:MaxTenuringThreshold=1")).toList();

    /**
     * The stand-in keeps every message sent through it, as Twilio does, and every request, for tests to read: with
     * 256 MB it ran out of heap at about 39,000 messages in benchmark P5 and then answered nothing (message-sender's
     * sends timed out and ended ambiguous). It plays a service that does not run on the suite's machine.
     */
    private static final List<String> STANDIN_JVM = List.of("-Xmx1g", "-XX:+UseSerialGC");

    private final String name;
    private final Path jar;
    private final int port;
    private final Path stackDir;
    private final String readinessPath;
    private final List<String> jvmOptions;

    private ServiceProcess(String name, Path jar, int port, Path stackDir, String readinessPath,
            List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.stackDir = stackDir;
        this.readinessPath = readinessPath;
        this.jvmOptions = jvmOptions;
    }

    /** A Switchboard service: its Quarkus fast-jar, ready when {@code /q/health/ready} says so. */
    public static ServiceProcess quarkusService(String name, Path projectRoot, int port, Path stackDir) {
        return new ServiceProcess(name, ProjectLayout.serviceJar(projectRoot, name), port,
                stackDir, "/q/health/ready", jvmOptions(name));
    }

    /** The JVM options the service of this name runs with (the benchmarks print them beside their figures). */
    public static List<String> jvmOptions(String service) {
        return service.equals("realtime-gateway") ? GATEWAY_JVM : JVM;
    }

    /** The local Twilio stand-in, ready when its control API answers. */
    public static ServiceProcess twilioStandIn(Path projectRoot, int port, Path stackDir) {
        return new ServiceProcess("twilio-standin",
                ProjectLayout.standInJar(projectRoot), port, stackDir,
                "/_standin/requests", STANDIN_JVM);
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

    /** The process id while it runs (to read its memory from {@code /proc}, say). */
    public Optional<Long> pid() {
        return ManagedProcesses.running(pidFile()).map(ProcessHandle::pid);
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
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ManagedProcesses.startDetached(command, env, log(), pidFile());
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
