package wstool.data;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/** Where {@code update} puts data: %LOCALAPPDATA%\ws_tool on Windows, $XDG_DATA_HOME/ws_tool or ~/.local/share/ws_tool elsewhere. */
final class DataDir {
    private DataDir() {}

    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    static Path resolve(Map<String, String> env, String osName, String home) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            if (local != null && !local.isBlank()) return Paths.get(local, "ws_tool");
            return Paths.get(home, "AppData", "Local", "ws_tool");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) return Paths.get(xdg, "ws_tool");
        return Paths.get(home, ".local", "share", "ws_tool");
    }
}
