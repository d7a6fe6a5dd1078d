package wstool.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import wstool.enrich.GeoDataException;
import wstool.enrich.GeoSource;
import wstool.enrich.MmdbSource;
import wstool.enrich.RangeTable;
import wstool.enrich.RangeTableWriter;

/**
 * Where the compiled {@link RangeTable}s of the MaxMind DB files in use live and when they are built: in the data
 * dir's {@code ranges/} folder, one file per database ({@code NAME-HASH.ranges}, the hash of the database's absolute
 * path), built on the first use of a database (a few seconds for GeoLite2 City, with a progress bar on a terminal)
 * and memory-mapped by every later command, look-ups included. A table that is missing, stale (the database
 * changed) or damaged is rebuilt; one that cannot be built leaves that database on its reader, with a note.
 */
final class RangeTables {
    static final String DIR = "ranges";

    private RangeTables() {}

    /** {@code source}'s table (opened, or built first), or {@code source} itself with a note saying why not. */
    static GeoSource compiled(MmdbSource source, Path dataDir, List<String> notes) {
        if (source.file() == null || dataDir == null) return source;
        Path table = tableFile(dataDir, source.file());
        String[] why = new String[1];
        RangeTable t = RangeTable.open(table, source, why);
        if (t != null) return t;
        try {
            ProgressBar bar = System.console() == null ? null : new ProgressBar(System.err);
            String label = "ranges " + source.file().getFileName();
            long size = source.metadata() == null ? 0 : java.nio.file.Files.size(source.file());
            RangeTableWriter.write(source, table, bar == null ? null : done -> bar.update(label, done * size / 1_000_000, size));
            if (bar != null) {
                bar.update(label, size, size);
                bar.finish();
            }
        } catch (GeoDataException | java.io.IOException e) {
            notes.add(e.getMessage() + " (answering from the database reader)");
            return source;
        }
        t = RangeTable.open(table, source, why);
        if (t == null) notes.add(table + ": the range table just built is " + why[0] + " (answering from the database reader)");
        return t == null ? source : t;
    }

    static Path tableFile(Path dataDir, Path database) {
        String abs = database.toAbsolutePath().normalize().toString();
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(abs.getBytes(StandardCharsets.UTF_8));
        return dataDir.resolve(DIR).resolve(database.getFileName() + "-" + String.format(Locale.ROOT, "%08x", c.getValue()) + ".ranges");
    }

    /** What {@code doctor} says about the fast path. */
    static String describe(List<GeoSource> sources) {
        List<String> tables = sources.stream().filter(s -> s instanceof RangeTable).map(s -> {
            RangeTable t = (RangeTable) s;
            return String.format(Locale.ROOT, "%s (%,d IPv4 + %,d IPv6 ranges, %,d answers)", t.name(), t.ipv4Ranges(),
                    t.ipv6Ranges(), t.distinctAnswers());
        }).toList();
        List<String> readers = sources.stream().filter(s -> s instanceof MmdbSource).map(GeoSource::name).toList();
        String out = tables.isEmpty() ? "no range tables" : "range tables, memory-mapped: " + String.join(", ", tables);
        return readers.isEmpty() ? out : out + "; on the database reader: " + String.join(", ", readers);
    }

}
