package wstool.etw;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the shared read-only fixtures (system property wstool.shared, else ../shared beside the worktree). */
public final class Fixtures {
    private Fixtures() {}

    public static Path shared() {
        String prop = System.getProperty("wstool.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(p)) p = Path.of("..", "shared");
        return p.resolve("fixtures");
    }

    public static Path kernelNetworkEtl() { return shared().resolve("etl/KernelNetwork.etl"); }

    public static Path manifests() { return shared().resolve("manifests"); }
}
