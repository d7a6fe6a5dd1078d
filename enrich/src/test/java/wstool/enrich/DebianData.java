package wstool.enrich;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real data files from Debian packages: {@code libloc-database} (IPFire location.db) and {@code tor-geoipdb}
 * (Tor geoip/geoip6). When a file is missing and apt-get is usable (root), the package is installed once; otherwise
 * the test is skipped LOUDLY (CI installs both packages).
 */
final class DebianData {
    static final Path LOCATION_DB = Paths.get("/usr/share/libloc-location/location.db");
    static final Path TOR_GEOIP = Paths.get("/usr/share/tor/geoip");
    static final Path TOR_GEOIP6 = Paths.get("/usr/share/tor/geoip6");

    private DebianData() {}

    static Path require(Path file, String pkg) {
        if (!Files.isRegularFile(file)) tryInstall(pkg);
        assumeTrue(Files.isRegularFile(file), () -> {
            String msg = "SKIPPED LOUDLY: " + file + " is missing; install the Debian package '" + pkg
                    + "' (apt-get install " + pkg + ") to run this real-data test";
            System.err.println("*** " + msg);
            return msg;
        });
        return file;
    }

    private static synchronized void tryInstall(String pkg) {
        if (!Files.isExecutable(Paths.get("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) return;
        try {
            Process p = new ProcessBuilder(List.of("apt-get", "install", "-y", "-qq", pkg))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) p.destroyForcibly();
        } catch (Exception e) {
            System.err.println("*** could not install " + pkg + ": " + e.getMessage());
        }
    }
}
