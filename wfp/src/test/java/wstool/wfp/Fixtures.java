package wstool.wfp;

import java.nio.file.Path;

/** The repository's real WFP XML (see fixtures/README.md). */
final class Fixtures {
    private Fixtures() {}

    static Path wfp(String name) { return wstool.core.fixtures.Fixtures.path("wfp/" + name); }
}
