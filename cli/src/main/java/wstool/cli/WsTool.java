package wstool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import wstool.core.pipeline.AddressEnricher;
import wstool.core.sink.Palette;
import wstool.data.DataSet;

/** The ws_tool command line. Exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 --verify found an error. */
@Command(name = "ws_tool", mixinStandardHelpOptions = true, versionProvider = WsTool.Version.class,
        description = "Network event monitor: firewall verdicts and socket calls, with country, city, ASN and Spamhaus DROP.",
        subcommands = {TraceCommand.class, MockCommand.class, FirewallCommand.class, ReplayCommand.class, EtlInfoCommand.class,
                ServicesCommand.class, DoctorCommand.class, LookupCommand.Geoip.class, LookupCommand.Asn.class,
                LookupCommand.Dnsbl.class, LookupCommand.Iana.class, UpdateCommand.class, GenerateCompletion.class})
public final class WsTool implements Runnable {
    public static final int EXIT_OK = 0, EXIT_FAILURE = 1, EXIT_USAGE = 2, EXIT_VERIFY_ERRORS = 3;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    DataOptions data = new DataOptions();

    private DataSet dataSet;

    @Spec
    CommandSpec spec;

    private Config config = Config.empty();

    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        if (!shuttingDown()) System.exit(code);
    }

    /** Parses and runs; separated from main so tests can run the CLI in-process. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        WsTool app = new WsTool();
        CommandLine cmd = new CommandLine(app);
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            app.config = Config.locate(args, System.getenv(), Path.of("").toAbsolutePath());
        } catch (IOException e) {
            err.println("ws_tool: " + e.getMessage());
            return EXIT_USAGE;
        }
        cmd.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(app.config.properties()));
        cmd.setParameterExceptionHandler(WsTool::usageError);
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("ws_tool: error: " + describe(ex));
            if (app.global.verbose()) ex.printStackTrace(c.getErr());
            return ex instanceof UsageException ? EXIT_USAGE : EXIT_FAILURE;
        });
        return cmd.execute(args);
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        c.getErr().println("ws_tool: " + ex.getMessage());
        c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
        return EXIT_USAGE;
    }

    /** One sentence for people: the message, or what kind of failure it was. */
    public static String describe(Throwable t) {
        while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException) return "file not found: " + t.getMessage();
        if (t instanceof AccessDeniedException) return "permission denied: " + t.getMessage();
        if (t instanceof wstool.win32.PrivilegeException p) return p.getMessage() + "; run ws_tool as " + p.requirement();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
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
