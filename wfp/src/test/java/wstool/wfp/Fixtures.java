package wstool.wfp;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real WFP fixtures: copies in the test resources, and ../shared/fixtures when present (wstool.shared). */
final class Fixtures {
    private Fixtures() {}

    /** A copied fixture (test resource wstool/wfp/fixtures/NAME). */
    static Path copy(String name) {
        URL url = Fixtures.class.getResource("fixtures/" + name);
        if (url == null) throw new AssertionError("test resource missing: wstool/wfp/fixtures/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The shared original, or null when ../shared is not there (e.g. on the Windows CI runner). */
    static Path shared(String relative) {
        String prop = System.getProperty("wstool.shared");
        Path base = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent().resolve("../shared");
        Path p = base.resolve("fixtures").resolve(relative).normalize();
        return Files.isRegularFile(p) ? p : null;
    }
}
