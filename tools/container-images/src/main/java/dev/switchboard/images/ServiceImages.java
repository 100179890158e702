package dev.switchboard.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import dev.switchboard.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one OCI image tarball per service (and one for the Twilio stand-in) from what {@code mvn package} produced,
 * without a Docker daemon. Layers go from least to most often changed — third-party jars, then Quarkus' generated
 * code, then our own classes — so a code change re-ships only the last, small layer.
 *
 * <pre>./switchboard images [--base IMAGE | --base tar://base.tar] [--tag TAG] [--out DIR]</pre>
 */
public final class ServiceImages {

    static final String DEFAULT_BASE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21";
    private static final AbsoluteUnixPath HOME = AbsoluteUnixPath.get("/deployments");
    /** The uid the ubi9 OpenJDK images run as; the k8s manifests require a non-root user. */
    private static final String USER = "185";

    private final Path root;
    private final String base;
    private final String tag;
    private final Path out;

    ServiceImages(Path root, String base, String tag, Path out) {
        this.root = root;
        this.base = base;
        this.tag = tag;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path root = Path.of("").toAbsolutePath();
        ServiceImages images = new ServiceImages(root, options.getOrDefault("--base", DEFAULT_BASE),
                options.getOrDefault("--tag", "dev"), root.resolve(options.getOrDefault("--out", "target/images")));
        Files.createDirectories(images.out);
        for (Map.Entry<String, Integer> service : StackSettings.DEFAULT_SERVICE_PORTS.entrySet()) {
            System.out.println(images.service(service.getKey(), service.getValue()));
        }
        System.out.println(images.twilioStandIn());
    }

    /** A Quarkus fast-jar: {@code target/quarkus-app} laid out under /deployments as the Dockerfile lays it out. */
    Path service(String name, int port) throws Exception {
        Path app = built(root.resolve(name).resolve("target/quarkus-app"), name);
        return containerize(name, builder()
                .addFileEntriesLayer(layer("dependencies", app, "lib"))
                .addFileEntriesLayer(layer("quarkus", app, "quarkus"))
                .addFileEntriesLayer(layer("application", app, "app", "quarkus-run.jar"))
                .setEntrypoint("java", "-Dquarkus.http.host=0.0.0.0",
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar",
                        HOME.resolve("quarkus-run.jar").toString())
                .setExposedPorts(Set.of(Port.tcp(port))));
    }

    /** The stand-in's jar with its {@code lib/} folder, which its manifest's class path names. */
    Path twilioStandIn() throws Exception {
        Path target = built(root.resolve("tools/twilio-standin/target"), "twilio-standin");
        Path jar;
        try (var jars = Files.list(target)) {
            jar = jars.filter(path -> path.getFileName().toString().matches("twilio-standin-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no twilio-standin jar in " + target));
        }
        return containerize("twilio-standin", builder()
                .addFileEntriesLayer(layer("dependencies", target, "lib"))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("application")
                        .addEntry(jar, HOME.resolve("twilio-standin.jar")).build())
                .addEnvironmentVariable("TWILIO_STANDIN_HOST", "0.0.0.0")
                .setEntrypoint("java", "-jar", HOME.resolve("twilio-standin.jar").toString())
                .setExposedPorts(Set.of(Port.tcp(8099))));
    }

    private JibContainerBuilder builder() throws Exception {
        JibContainerBuilder builder = base.startsWith("tar://") ? Jib.from(TarImage.at(Path.of(base.substring(6))))
                : Jib.from(RegistryImage.named(base));
        return builder.setUser(USER).setWorkingDirectory(HOME);
    }

    private Path containerize(String name, JibContainerBuilder builder) throws Exception {
        Path tarball = out.resolve(name + ".tar");
        builder.containerize(Containerizer.to(TarImage.at(tarball).named(ImageReference.parse("switchboard/" + name
                + ":" + tag))).setToolName("switchboard-images"));
        return tarball;
    }

    private static FileEntriesLayer layer(String name, Path from, String... entries) throws Exception {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String entry : entries) {
            Path source = from.resolve(entry);
            if (!Files.exists(source)) {
                throw new IllegalStateException(source + " is missing: run mvn package first");
            }
            layer.addEntryRecursive(source, HOME.resolve(entry));
        }
        return layer.build();
    }

    private static Path built(Path path, String module) {
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(module + " is not built (" + path + "): run mvn package -DskipTests first");
        }
        return path;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            if (!rest.get(i).startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + rest.get(i));
            }
            options.put(rest.get(i), rest.get(i + 1));
        }
        if (rest.size() % 2 != 0) {
            throw new IllegalArgumentException("option " + rest.get(rest.size() - 1) + " needs a value");
        }
        return options;
    }
}
