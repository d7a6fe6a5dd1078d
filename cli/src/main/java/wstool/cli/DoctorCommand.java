package wstool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What ws_tool sees of this machine: Java, OS, privileges, config and data files. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, OS, privileges, config and data files.")
public final class DoctorCommand implements CliCommand {
    @ParentCommand
    WsTool app;

    @Spec
    CommandSpec spec;

    @Override
    public void execute() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        line(out, "ws_tool", new WsTool.Version().getVersion()[0]);
        line(out, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        line(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        line(out, "privileges", Privileges.describe());
        Path cfg = app.config().path();
        line(out, "config", cfg == null ? "none found (searched --config, $WS_TOOL_CONFIG, ./" + Config.FILE_NAME
                + ", " + DataDirs.defaultConfigDir().resolve(Config.FILE_NAME) + ")" : cfg.toString());
        Path dataDir = app.global().dataDir();
        line(out, "data dir", dataDir + (Files.isDirectory(dataDir) ? "" : " (does not exist yet)"));
        for (String f : dataFiles(dataDir)) line(out, "", f);
        DataDoctor.report(out, app.dataSet());
        out.flush();
    }

    private static List<String> dataFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return p.getFileName() + "  " + Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    return p.getFileName() + "  (unreadable: " + e.getMessage() + ")";
                }
            }).toList();
        }
    }

    /** File names, database types and notes come from the disk and the data files: escaped for the terminal. */
    static void line(PrintWriter out, String label, String value) {
        out.printf("%-12s %s%n", label, wstool.core.sink.TerminalText.clean(value));
    }
}
