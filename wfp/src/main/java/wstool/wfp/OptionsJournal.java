package wstool.wfp;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The engine options as they were before a live {@code firewall} changed them, kept in a file of the data dir from
 * before the change until they are written back. WFP engine options are machine-wide and outlive the process that
 * set them, so a run that is killed (or whose JVM exits before the restore) would leave them changed; the next run,
 * or {@code firewall --restore-options}, writes back what the file says.
 */
public final class OptionsJournal {

    /** What a run recorded: its PID and, per FWPM_ENGINE_OPTION it changed, the FWP_VALUE0 type and value found. */
    public record Entry(long pid, Map<Integer, long[]> originals) {
        public Entry {
            originals = Map.copyOf(originals);
        }
    }

    private final Path file;

    public OptionsJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Writes the entry atomically (temporary file, then move), creating the data dir if needed. */
    public void write(Entry e) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(e.pid()));
        e.originals().forEach((option, tv) -> p.setProperty("option." + option, tv[0] + ":" + tv[1]));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "WFP engine options as found before ws_tool firewall changed them");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e2) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The recorded entry, empty when there is no file.
     *
     * @throws IOException naming the file when it cannot be read or is not what this class writes
     */
    public Optional<Entry> read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(p.getProperty("pid", "-1"));
            Map<Integer, long[]> originals = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("option.")) {
                    String[] tv = p.getProperty(key).split(":", 2);
                    originals.put(Integer.parseInt(key.substring(7)),
                            new long[] {Long.parseLong(tv[0]), Long.parseLong(tv[1])});
                }
            }
            return Optional.of(new Entry(pid, originals));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(file + ": not a ws_tool engine-options record (" + e.getMessage() + ")", e);
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
