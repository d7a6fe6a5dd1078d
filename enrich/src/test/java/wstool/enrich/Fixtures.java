package wstool.enrich;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared read-only fixtures (system property wstool.shared, else ../shared beside the project). */
final class Fixtures {
    private Fixtures() {}

    static Path shared() {
        String p = System.getProperty("wstool.shared");
        if (p != null && Files.isDirectory(Paths.get(p))) return Paths.get(p);
        return Paths.get("").toAbsolutePath().getParent().resolve("../shared").normalize();
    }

    static Path mmdb(String name) { return shared().resolve("fixtures/mmdb").resolve(name); }
}
