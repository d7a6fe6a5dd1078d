package wstool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import wstool.core.sink.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import wstool.core.pipeline.AddressEnricher;
import wstool.core.sink.Palette;
import wstool.data.DataSet;

/** The ws_tool command line. Exit codes: {@link ExitCodes}. */
@Command(name = "ws_tool", mixinStandardHelpOptions = true, versionProvider = WsTool.Version.class,
        description = "Network event monitor: firewall verdicts and socket calls, with country, city, ASN and Spamhaus DROP.",
        subcommands = {TraceCommand.class, MockCommand.class, FirewallCommand.class, MonitorCommand.class, ReplayCommand.class, EtlInfoCommand.class,
                ServicesCommand.class, DoctorCommand.class, LookupCommand.Geoip.class, LookupCommand.Asn.class,
                LookupCommand.Dnsbl.class, LookupCommand.Iana.class, UpdateCommand.class, GenerateCompletion.class})
public final class WsTool implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    DataOptions data = new DataOptions();

    private DataSet dataSet;

    @Spec
    CommandSpec spec;

    private Config config = Config.empty();

    public static void main(String[] args) {
        // straight to the file descriptors, not System.out: a PrintStream hides a closed stdout (EPIPE) from the
        // PrintWriter's checkError, which is how a job learns that its reader is gone
        int code = execute(args, new PrintWriter(new java.io.OutputStreamWriter(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                        java.nio.charset.StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(new java.io.FileOutputStream(java.io.FileDescriptor.err),
                        java.nio.charset.StandardCharsets.UTF_8), true));
        if (!shuttingDown()) System.exit(code);
    }

    /**
     * Parses and runs; separated from main so tests can run the CLI in-process. Two passes: the first finds
     * {@code --config} (and nothing else counts), the second parses with the config's defaults and runs.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        WsTool app = new WsTool();
        CommandLine cmd = new CommandLine(app);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(WsTool::usageError);
        cmd.setExitCodeExceptionMapper(new ExitCodes());
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (!ExitCodes.reported(ex)) {
                c.getErr().println(ExitCodes.line(ex));
                if (ex instanceof UsageException) c.getErr().println(tryHelp(c));
                if (app.global.verbose()) ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return ExitCodes.of(ex);
        });
        try {
            app.config = Config.locate(configOption(args), System.getenv(), Path.of("").toAbsolutePath());
            app.config.checkKeys(cmd);
        } catch (UsageException e) {
            err.println(ExitCodes.line(e));
            err.println(tryHelp(cmd));
            err.flush();
            return ExitCodes.USAGE;
        }
        cmd.setDefaultValueProvider(app.config);
        return cmd.execute(args);
    }

    /** The first pass: --config as picocli parses it (at any level); null when absent or the line does not parse. */
    static Path configOption(String[] args) {
        try {
            for (CommandLine.ParseResult r = new CommandLine(new WsTool()).parseArgs(args); r != null; r = r.subcommand()) {
                Path p = r.matchedOptionValue("--config", null);
                if (p != null) return p;
            }
        } catch (ParameterException e) {
            // the second pass reports it, with the help hint
        }
        return null;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        WsTool root = c.getCommandSpec().root().userObject() instanceof WsTool w ? w : null;
        UsageException fromConfig = root == null ? null : root.config.fromConfig(ex);
        String message = fromConfig != null ? fromConfig.getMessage() : ex.getMessage();
        c.getErr().println("ws_tool: error: " + TerminalText.clean(message.startsWith("Error: ") ? message.substring(7) : message));
        c.getErr().println(tryHelp(c));
        c.getErr().flush();
        return ExitCodes.USAGE;
    }

    private static String tryHelp(CommandLine c) {
        return "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.";
    }

    /** True when stdout is an interactive terminal (Java 17: a console exists only when stdin and stdout are ttys). */
    public static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required (firewall, replay, services, doctor, ...)");
    }

    public GlobalOptions global() { return global; }

    public Config config() { return config; }

    /** Colours for a terminal: configured ones over the defaults, none with --no-color or when not a terminal. */
    public Palette palette(boolean terminal) {
        Map<String, String> colors = colors(); // checked also when not used: a typo is found on the first run
        if (global.noColor() || !terminal || System.getenv("NO_COLOR") != null) return Palette.NONE;
        return Palette.DEFAULT.with(colors);
    }

    /** The config's color.ROLE entries, each checked ({@link Palette#sgr}); a bad one is a usage error naming the file. */
    public Map<String, String> colors() {
        Map<String, String> colors = config.colors();
        colors.forEach((role, value) -> {
            try {
                Palette.sgr(role, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(config.path() + ": " + e.getMessage());
            }
        });
        return colors;
    }

    /** The enrichment every event command applies to remote addresses (see {@link DataSet} for the order). */
    public AddressEnricher enricher() {
        DataSet d = dataSet();
        for (String n : d.notes()) spec.commandLine().getErr().println("ws_tool: warning: " + n);
        return d.enricher();
    }

    /** What the TUI header shows about the data in use, e.g. "geolite2-city 7 y (embedded)". */
    public java.util.List<String> dataSources() { return dataSet().labels(java.time.Instant.now()); }

    /** The databases in use: --geoip-db etc., then the data dir, then the embedded default. Opened once. */
    public DataSet dataSet() {
        if (dataSet == null) {
            try {
                dataSet = DataSet.open(global.dataDir(), data.overrides());
            } catch (DataSet.UnusableFile e) {
                throw new UsageException(e.getMessage());
            }
        }
        return dataSet;
    }

    /** The database files named with --geoip-db, --asn-db, --location-db and --drop. */
    java.util.List<Path> dataFiles() { return data.files(); }

    /** The version Maven wrote into the jar, "unknown" when run from classes without it. */
    public static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = WsTool.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        }
        return p.getProperty("version", "unknown");
    }

    /** Reads the version Maven wrote into the jar. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"ws_tool " + version(),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
