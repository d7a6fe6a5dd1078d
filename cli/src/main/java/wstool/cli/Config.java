package wstool.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config file: Java properties whose keys are option names giving defaults ({@code exclude = svchost.exe},
 * {@code data-dir = /srv/ws_tool}), for one command when prefixed with its name ({@code replay.speed = 1}), and
 * {@code color.ROLE = SGR} entries ({@code color.drop = 1;31}). Searched at --config, $WS_TOOL_CONFIG,
 * ./ws_tool.properties, then the per-user config dir. A key that names no option is an error naming the file and
 * line; values are converted and checked by the options' own converters, and a bad one is reported with its line.
 */
public final class Config implements IDefaultValueProvider {
    public static final String FILE_NAME = "ws_tool.properties";
    private static final String COLOR = "color.";

    private final Path path;
    private final Properties properties;
    private final Map<String, Integer> lines;
    /** Which key gave an option its default: to name the line when the value does not convert. */
    private final Map<ArgSpec, String> served = new HashMap<>();

    private Config(Path path, Properties properties, Map<String, Integer> lines) {
        this.path = path;
        this.properties = properties;
        this.lines = lines;
    }

    public static Config empty() { return new Config(null, new Properties(), Map.of()); }

    /**
     * Finds and loads the config; an explicitly named file (--config, $WS_TOOL_CONFIG) that is missing or unreadable
     * is a usage error.
     *
     * @param explicit the --config value found by the first parse, or null
     */
    public static Config locate(Path explicit, Map<String, String> env, Path workingDir) {
        if (explicit != null) return load(explicit, true);
        String fromEnv = env.get("WS_TOOL_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) return load(Path.of(fromEnv), true);
        for (Path candidate : List.of(workingDir.resolve(FILE_NAME), DataDirs.defaultConfigDir().resolve(FILE_NAME))) {
            if (Files.isRegularFile(candidate)) return load(candidate, false);
        }
        return empty();
    }

    private static Config load(Path file, boolean explicit) {
        if (Files.isDirectory(file)) throw new UsageException("config file " + file + " is a directory");
        if (explicit && !Files.exists(file)) throw new UsageException("config file " + file + " does not exist");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("config file " + file + " cannot be read: " + ExitCodes.describe(e));
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("config file " + file + " is malformed: " + e.getMessage());
        }
        return new Config(file, p, keyLines(text));
    }

    /** The line each key starts on (properties syntax: comments, blank lines and continued lines skipped). */
    static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        String[] ls = text.split("\r\n|\r|\n", -1);
        boolean continued = false;
        for (int i = 0; i < ls.length; i++) {
            String l = ls[i].stripLeading();
            boolean startsKey = !continued && !l.isEmpty() && l.charAt(0) != '#' && l.charAt(0) != '!';
            if (startsKey) {
                Properties one = new Properties();
                try {
                    one.load(new StringReader(l));
                } catch (IOException | IllegalArgumentException ignored) {
                    // the whole file parsed above; a line that does not parse alone is a continued value
                }
                for (String k : one.stringPropertyNames()) out.putIfAbsent(k, i + 1);
            }
            int backslashes = 0;
            for (int j = ls[i].length() - 1; j >= 0 && ls[i].charAt(j) == '\\'; j--) backslashes++;
            boolean comment = !continued && !l.isEmpty() && (l.charAt(0) == '#' || l.charAt(0) == '!');
            continued = !comment && backslashes % 2 == 1;
        }
        return out;
    }

    /** Where the config came from, or null when none was found. */
    public Path path() { return path; }

    /** Where a key is: "FILE line N". */
    String where(String key) {
        Integer line = lines.get(key);
        return "config file " + path + (line == null ? "" : " line " + line);
    }

    /** color.ROLE entries: role -> SGR parameter string. */
    public Map<String, String> colors() {
        Map<String, String> m = new HashMap<>();
        for (String k : properties.stringPropertyNames()) {
            if (k.startsWith(COLOR)) m.put(k.substring(COLOR.length()), properties.getProperty(k).trim());
        }
        return m;
    }

    /**
     * Every key must name an option: {@code NAME} of some command, or {@code COMMAND.NAME} of that command.
     *
     * @throws UsageException naming the file and line of the first key that does not
     */
    void checkKeys(CommandLine root) {
        for (String key : lines.keySet()) {
            if (key.startsWith(COLOR) || !properties.containsKey(key)) continue;
            int dot = key.indexOf('.');
            CommandLine sub = dot > 0 ? root.getSubcommands().get(key.substring(0, dot)) : null;
            boolean known = sub != null ? hasOption(sub.getCommandSpec(), key.substring(dot + 1))
                    : hasOption(root.getCommandSpec(), key)
                    || root.getSubcommands().values().stream().anyMatch(c -> hasOption(c.getCommandSpec(), key));
            if (!known) {
                throw new UsageException(where(key) + ": '" + key + "' is not an option"
                        + (sub == null && dot > 0 ? " ('" + key.substring(0, dot) + "' is not a command)" : "")
                        + "; keys are option names without '--', for one command prefixed with it (replay.speed = 1)");
            }
        }
    }

    private static boolean hasOption(CommandSpec spec, String name) {
        OptionSpec o = spec.findOption("--" + name);
        return o != null && !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--config");
    }

    /** {@code COMMAND.NAME} first, then {@code NAME}. */
    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--")) return null;
        String name = o.longestName().substring(2);
        CommandSpec cmd = o.command();
        if (cmd != null && cmd.parent() != null) {
            String key = cmd.name() + "." + name;
            if (properties.containsKey(key)) return serve(arg, key);
        }
        return properties.containsKey(name) ? serve(arg, name) : null;
    }

    private String serve(ArgSpec arg, String key) {
        served.put(arg, key);
        return properties.getProperty(key).trim();
    }

    /**
     * A parse error caused by a config value, reworded to name the file and line; null when the value that failed
     * did not come from the config.
     */
    UsageException fromConfig(CommandLine.ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        String key = arg == null ? null : served.get(arg);
        if (key == null || e.getValue() == null || !e.getValue().equals(properties.getProperty(key).trim())) return null;
        return new UsageException(where(key) + ": " + key + " = " + e.getValue() + ": " + e.getMessage());
    }
}
