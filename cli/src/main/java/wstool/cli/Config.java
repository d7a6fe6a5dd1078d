package wstool.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The config file: Java properties whose keys are option names (e.g. {@code exclude = svchost.exe,10.0.0.0/8},
 * {@code replay.speed = 1}, {@code data-dir = /srv/ws_tool}) giving defaults, and {@code color.ROLE = SGR} entries
 * (e.g. {@code color.drop = 1;31}). Searched at --config, $WS_TOOL_CONFIG, ./ws_tool.properties, then the per-user
 * config dir.
 */
public final class Config {
    public static final String FILE_NAME = "ws_tool.properties";

    private final Path path;
    private final Properties properties;

    private Config(Path path, Properties properties) {
        this.path = path;
        this.properties = properties;
    }

    public static Config empty() { return new Config(null, new Properties()); }

    /** Finds and loads the config; an explicitly named file that is missing or unreadable is an error. */
    public static Config locate(String[] args, Map<String, String> env, Path workingDir) throws IOException {
        Optional<String> explicit = explicitPath(args);
        if (explicit.isPresent()) return load(Path.of(explicit.get()), true);
        String fromEnv = env.get("WS_TOOL_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) return load(Path.of(fromEnv), true);
        for (Path candidate : List.of(workingDir.resolve(FILE_NAME), DataDirs.defaultConfigDir().resolve(FILE_NAME))) {
            if (Files.isRegularFile(candidate)) return load(candidate, false);
        }
        return empty();
    }

    static Optional<String> explicitPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) return Optional.of(args[i + 1]);
            if (args[i].startsWith("--config=")) return Optional.of(args[i].substring("--config=".length()));
        }
        return Optional.empty();
    }

    private static Config load(Path file, boolean explicit) throws IOException {
        if (explicit && !Files.isRegularFile(file)) throw new IOException("config file " + file + " does not exist");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException("config file " + file + " is malformed: " + e.getMessage(), e);
        }
        return new Config(file, p);
    }

    /** Where the config came from, or null when none was found. */
    public Path path() { return path; }

    public Properties properties() { return properties; }

    /** color.ROLE entries: role -> SGR parameter string. */
    public Map<String, String> colors() {
        Map<String, String> m = new HashMap<>();
        for (String k : properties.stringPropertyNames()) {
            if (k.startsWith("color.")) m.put(k.substring("color.".length()), properties.getProperty(k).trim());
        }
        return m;
    }
}
