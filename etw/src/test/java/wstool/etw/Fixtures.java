package wstool.etw;

import java.nio.file.Path;

/** The repository's real captures and manifests (see fixtures/README.md). */
public final class Fixtures {
    private Fixtures() {}

    public static Path etl(String name) { return wstool.core.fixtures.Fixtures.path("etl/" + name); }

    public static Path kernelNetworkEtl() { return etl("KernelNetwork.etl"); }

    public static Path manifests() { return wstool.core.fixtures.Fixtures.path("manifests"); }
}
