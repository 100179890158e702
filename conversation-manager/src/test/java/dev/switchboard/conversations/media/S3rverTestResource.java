package dev.switchboard.conversations.media;

import static dev.switchboard.stack.ManagedProcesses.freePort;

import dev.switchboard.testing.Waits;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server for the S3 media store's tests: s3rver (from the npm registry, installed into
 * {@code target/s3rver} on first use). It knows the access key S3RVER but does not verify V4 signatures.
 */
public class S3rverTestResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "notes";
    private static final Path HOME = Path.of("target", "s3rver").toAbsolutePath();

    private Process server;

    @Override
    public Map<String, String> start() {
        Path cli = HOME.resolve("node_modules/s3rver/bin/s3rver.js");
        if (!Files.exists(cli)) {
            run(List.of("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund", "--loglevel=error",
                    "s3rver@3.7.1"), HOME.resolve("npm-install.log"));
        }
        int port = freePort();
        try {
            Files.createDirectories(HOME.resolve("data"));
            server = new ProcessBuilder("node", cli.toString(), "-d", HOME.resolve("data").toString(), "-a", "127.0.0.1",
                    "-p", Integer.toString(port), "--silent", "--configure-bucket", BUCKET)
                    .redirectErrorStream(true).redirectOutput(HOME.resolve("s3rver.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3rver (node)", e);
        }
        awaitPort(port);
        return Map.of("switchboard.media.store", "s3",
                "switchboard.media.s3.endpoint", "http://127.0.0.1:" + port,
                "switchboard.media.s3.bucket", BUCKET,
                "switchboard.media.s3.access-key", "S3RVER",
                "switchboard.media.s3.secret-key", "S3RVER");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    /**
     * Runs a command with its own stdin and output file: the test JVM's stdio is Surefire's channel to Maven, and npm
     * writing to it (or switching it to non-blocking) breaks the build.
     */
    private static void run(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitPort(int port) {
        Waits.waitFor("s3rver listening on " + port).until(() -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("s3rver exited; see " + HOME.resolve("s3rver.log"));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }
}
