package wstool.enrich;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real data files from Debian packages: {@code libloc-database} (IPFire location.db) and {@code tor-geoipdb}
 * (Tor geoip/geoip6), installed by scripts/install-test-deps.sh (a test never installs anything). A missing file is
 * a loud skip only when its package is recognisably not installed (dpkg says so, or there is no dpkg: not Debian);
 * a file missing from an installed package fails the test, since the package no longer ships what the test reads.
 */
final class DebianData {
    static final Path LOCATION_DB = Paths.get("/usr/share/libloc-location/location.db");
    static final Path TOR_GEOIP = Paths.get("/usr/share/tor/geoip");
    static final Path TOR_GEOIP6 = Paths.get("/usr/share/tor/geoip6");

    private DebianData() {}

    static Path require(Path file, String pkg) {
        if (Files.isRegularFile(file)) return file;
        String state = packageState(pkg);
        if (state.equals("install ok installed")) {
            fail("Debian package " + pkg + " is installed but " + file + " is missing: the test's path is out of date");
        }
        String msg = "SKIPPED LOUDLY: " + file + " is missing and package '" + pkg + "' is "
                + (state.isEmpty() ? "not installed" : state) + "; run scripts/install-test-deps.sh as root"
                + " (or apt-get install " + pkg + ") to run this real-data test";
        System.err.println("*** " + msg);
        assumeTrue(false, msg);
        return file;
    }

    /** dpkg's status of the package ("install ok installed"), "" when dpkg does not know it, or why there is no answer. */
    private static String packageState(String pkg) {
        Process p;
        try {
            p = new ProcessBuilder(List.of("dpkg-query", "-W", "-f=${Status}", pkg))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return "unknown to this system (no dpkg-query: not Debian)";
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("dpkg-query -W " + pkg + " did not answer within 30 s");
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading dpkg-query's answer for " + pkg, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking dpkg-query about " + pkg, e);
        }
    }
}
