package wstool.wfp;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/fixtures (system property wstool.shared, set by the parent pom; else next to the project). */
final class Fixtures {
    private Fixtures() {}

    static Path shared(String relative) {
        String prop = System.getProperty("wstool.shared");
        Path base = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent().resolve("../shared");
        Path p = base.resolve("fixtures").resolve(relative).normalize();
        if (!Files.isRegularFile(p)) throw new AssertionError("shared fixture missing: " + p);
        return p;
    }
}
