package dev.switchboard.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's built parts are, found from any folder inside it (the launcher, a module's tests, the bench):
 * the root is the folder holding the {@code switchboard} launcher beside the reactor {@code pom.xml}. The services sit
 * at the top level, tools under {@code tools/} (README, "Modules").
 */
public final class ProjectLayout {

    private ProjectLayout() {
    }

    /** The repository root, the nearest folder at or above the working directory that holds the launcher. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("switchboard")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the Switchboard repository (no ./switchboard above " + start + ")");
    }

    /** A service's Quarkus fast-jar, as {@code mvn package} leaves it. */
    public static Path serviceJar(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The Twilio stand-in's runnable jar (its dependencies beside it in {@code target/lib}). */
    public static Path standInJar(Path root) {
        return root.resolve("tools/twilio-standin/target/twilio-standin-1.0.0-SNAPSHOT.jar");
    }

    /** The command line's class path, as {@code ./switchboard} runs it: its classes and the jars packaged beside. */
    public static String commandLineClassPath(Path root) {
        Path target = root.resolve("tools/switchboard-cli/target");
        return target.resolve("classes") + java.io.File.pathSeparator + target.resolve("lib") + "/*";
    }
}
