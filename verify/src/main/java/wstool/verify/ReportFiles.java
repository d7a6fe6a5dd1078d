package wstool.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --verify-report FILE}: the JSON report goes to FILE, the Markdown report next to it with the extension
 * replaced by {@code .md} ({@code report.json} -> {@code report.md}, {@code out/verify} -> {@code out/verify.md}).
 * Each file is written to a temporary sibling first and moved into place, so a reader never sees half a report.
 */
public final class ReportFiles {
    private ReportFiles() {}

    /**
     * Rejects a name that would make both reports the same file.
     *
     * @throws IllegalArgumentException saying why
     */
    public static void check(Path json) {
        String name = json.getFileName() == null ? "" : json.getFileName().toString();
        if (name.isEmpty() || name.toLowerCase(java.util.Locale.ROOT).endsWith(".md")) {
            throw new IllegalArgumentException("the report is named by its JSON file (e.g. report.json); "
                    + "the Markdown report is written next to it as report.md, not '" + json + "'");
        }
    }

    public static Path markdownPath(Path json) {
        String name = json.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return json.resolveSibling(base + ".md");
    }

    /** Writes both files; returns the Markdown path. */
    public static Path write(VerifyReport r, Path json) throws IOException {
        check(json);
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IOException("directory " + parent + " does not exist");
        Path md = markdownPath(json);
        Path tmp = Files.createTempFile(parent, ".verify", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ReportJson.write(r, out);
            }
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(tmp, ReportMarkdown.render(r), StandardCharsets.UTF_8);
            Files.move(tmp, md, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return md;
    }
}
