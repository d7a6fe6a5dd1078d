package wstool.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts. */
public final class GlobalOptions {
    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where downloaded data lives (default: ${DEFAULT-VALUE}).")
    Path dataDir = DataDirs.defaultDataDir();

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file (default: $WS_TOOL_CONFIG, ./ws_tool.properties, then the per-user config dir).")
    Path config;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No ANSI colours.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Stack traces and more detail on errors.")
    boolean verbose;

    @Option(names = "--utc", scope = ScopeType.INHERIT,
            description = "Times in UTC in the text lines, the full-screen view and the verify report (default: local"
                    + " time with its offset; CSV and JSON are always UTC).")
    boolean utc;

    /** @throws UsageException when the path names something that is not a directory */
    public Path dataDir() {
        if (java.nio.file.Files.exists(dataDir) && !java.nio.file.Files.isDirectory(dataDir)) {
            throw new UsageException("--data-dir " + dataDir + " is a file, not a directory");
        }
        return dataDir;
    }

    /** The zone people read times in: UTC with --utc, else this machine's. */
    public java.time.ZoneId zone() { return utc ? java.time.ZoneOffset.UTC : java.time.ZoneId.systemDefault(); }

    public boolean noColor() { return noColor; }

    public boolean verbose() { return verbose; }
}
