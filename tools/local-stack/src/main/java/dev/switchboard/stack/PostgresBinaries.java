package dev.switchboard.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds the server binaries of Debian's postgresql package ({@code PG_BIN} overrides). */
public final class PostgresBinaries {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {
    }

    public static String path(String binary) {
        return binDir().resolve(binary).toString();
    }

    private static Path binDir() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(PostgresBinaries::majorVersion))
                    .orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under " + DEBIAN_ROOT
                    + ": install Debian's postgresql package or set PG_BIN", e);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
