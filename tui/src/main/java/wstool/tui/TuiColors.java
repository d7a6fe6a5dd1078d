package wstool.tui;

import java.util.Map;
import wstool.core.sink.Palette;

/**
 * Colour roles of the full-screen view on top of the event roles of {@link Palette#DEFAULT} (drop, allow, dns,
 * connect, error, listed, dim). All are SGR parameter strings and can be replaced in the config file
 * ({@code color.warn = 1;31}).
 */
public final class TuiColors {
    /** header: the first header line; warn: non-zero dropped/lost; columns: column titles; selected: the selected
     * row; status: the key line; input: the filter being typed. */
    public static final Map<String, String> ROLES = Map.of(
            "header", "1", "warn", "1;33", "columns", "1;4", "selected", "7", "status", "7", "input", "1;36");

    private TuiColors() {}

    /** Defaults for every role, with the configured ones ({@code role -> SGR}) over them. */
    public static Palette palette(Map<String, String> configured) {
        return Palette.DEFAULT.with(ROLES).with(configured);
    }
}
