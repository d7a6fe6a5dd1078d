package wstool.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import wstool.data.DataSet;

/** Database overrides every command accepts; without them the data dir and then the embedded default are used. */
public final class DataOptions {
    @Option(names = "--geoip-db", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "GeoIP2/GeoLite2/DB-IP .mmdb, IP2Location .BIN or Tor geoip file for country and city.")
    Path geoipDb;

    @Option(names = "--asn-db", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "ASN database (.mmdb).")
    Path asnDb;

    @Option(names = "--location-db", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "IPFire location.db.")
    Path locationDb;

    @Option(names = "--drop", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Spamhaus DROP list (drop.txt, dropv6.txt, drop_v4.json, drop_v6.json, asndrop.json); repeatable.")
    List<Path> drop = new ArrayList<>();

    /** The database files named on the command line (inputs: never an output of the job). */
    List<Path> files() {
        List<Path> l = new ArrayList<>(drop);
        for (Path p : new Path[] {geoipDb, asnDb, locationDb}) if (p != null) l.add(p);
        return l;
    }

    DataSet.Overrides overrides() {
        for (Path p : new Path[] {geoipDb, asnDb, locationDb}) {
            if (p != null && !java.nio.file.Files.isRegularFile(p)) throw new UsageException("database file not found: " + p);
        }
        for (Path p : drop) if (!java.nio.file.Files.isRegularFile(p)) throw new UsageException("DROP list not found: " + p);
        return new DataSet.Overrides(geoipDb, asnDb, locationDb, List.copyOf(drop));
    }
}
