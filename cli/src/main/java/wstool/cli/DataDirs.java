package wstool.cli;

import java.nio.file.Path;
import java.util.Locale;

/** Per-OS data and config directories (XDG on Unix, %LOCALAPPDATA% / %APPDATA% on Windows). */
public final class DataDirs {
    private DataDirs() {}

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public static Path defaultDataDir() {
        if (isWindows()) return Path.of(env("LOCALAPPDATA", System.getProperty("user.home")), "ws_tool");
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "ws_tool")
                : Path.of(System.getProperty("user.home"), ".local", "share", "ws_tool");
    }

    public static Path defaultConfigDir() {
        if (isWindows()) return Path.of(env("APPDATA", System.getProperty("user.home")), "ws_tool");
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "ws_tool")
                : Path.of(System.getProperty("user.home"), ".config", "ws_tool");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
