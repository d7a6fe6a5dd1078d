package wstool.core.sink;

import java.util.Map;

/** ANSI colours for event kinds; {@link #NONE} when output is not a terminal or --no-color is given. */
public final class Palette {
    public static final Palette NONE = new Palette(Map.of(), false);
    public static final Palette DEFAULT = new Palette(Map.of(
            "drop", "\u001b[31m", "allow", "\u001b[32m", "dns", "\u001b[36m", "connect", "\u001b[33m",
            "error", "\u001b[91m", "listed", "\u001b[1;35m", "dim", "\u001b[2m"), true);
    private static final String RESET = "\u001b[0m";

    private final Map<String, String> codes;
    private final boolean enabled;

    private Palette(Map<String, String> codes, boolean enabled) {
        this.codes = codes;
        this.enabled = enabled;
    }

    /** The default palette with some roles replaced, e.g. from the config file ("drop" -> "1;31"). */
    public Palette with(Map<String, String> sgrByRole) {
        Map<String, String> m = new java.util.HashMap<>(codes);
        sgrByRole.forEach((role, sgr) -> m.put(role, "\u001b[" + sgr + "m"));
        return new Palette(Map.copyOf(m), true);
    }

    public boolean enabled() { return enabled; }

    public String paint(String role, String text) {
        if (!enabled || text.isEmpty()) return text;
        String c = codes.get(role);
        return c == null ? text : c + text + RESET;
    }
}
