package wstool.enrich;

import java.nio.file.Path;

/** The repository's MaxMind and DB-IP test databases (see fixtures/README.md). */
final class Fixtures {
    private Fixtures() {}

    static Path mmdb(String name) { return wstool.core.fixtures.Fixtures.path("mmdb/" + name); }
}
