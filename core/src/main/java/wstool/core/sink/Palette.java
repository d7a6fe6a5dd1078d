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

    /**
     * The default palette with some roles replaced, e.g. from the config file ("drop" -> "1;31" or "bold red");
     * every value is checked by {@link #sgr}.
     *
     * @throws IllegalArgumentException naming {@code color.ROLE} and the value when it is not a colour
     */
    public Palette with(Map<String, String> colourByRole) {
        Map<String, String> m = new java.util.HashMap<>(codes);
        colourByRole.forEach((role, value) -> m.put(role, "\u001b[" + sgr(role, value) + "m"));
        return new Palette(Map.copyOf(m), true);
    }

    private static final Map<String, Integer> NAMES = names();

    private static Map<String, Integer> names() {
        Map<String, Integer> m = new java.util.HashMap<>(Map.of("bold", 1, "dim", 2, "italic", 3, "underline", 4,
                "blink", 5, "reverse", 7, "normal", 0));
        String[] colours = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
        for (int i = 0; i < colours.length; i++) {
            m.put(colours[i], 30 + i);
            m.put("bright-" + colours[i], 90 + i);
            m.put("on-" + colours[i], 40 + i);
        }
        return Map.copyOf(m);
    }

    /**
     * The SGR parameters of a configured colour: numbers 0-255 separated by ';' as the terminal takes them
     * ({@code 1;31}, {@code 38;5;208}), or words from {@code bold dim italic underline blink reverse normal},
     * {@code black red green yellow blue magenta cyan white} and their {@code bright-} / {@code on-} forms
     * ({@code bold red}). Anything else would be pasted into an escape sequence and scramble the terminal.
     *
     * @throws IllegalArgumentException naming {@code color.ROLE} and the value
     */
    public static String sgr(String role, String value) {
        String v = value == null ? "" : value.trim();
        if (v.matches("\\d{1,3}(;\\d{1,3})*")) {
            for (String n : v.split(";")) {
                if (Integer.parseInt(n) > 255) throw bad(role, value);
            }
            return v;
        }
        StringBuilder sb = new StringBuilder();
        for (String word : v.toLowerCase(java.util.Locale.ROOT).split("[\\s,+]+")) {
            Integer code = NAMES.get(word);
            if (code == null) throw bad(role, value);
            if (sb.length() > 0) sb.append(';');
            sb.append(code);
        }
        return sb.toString();
    }

    private static IllegalArgumentException bad(String role, String value) {
        return new IllegalArgumentException("color." + role + " = '" + TerminalText.clean(value) + "' is not a colour: use SGR"
                + " numbers such as 1;31 or names such as 'bold red', 'bright-cyan', 'on-blue'");
    }

    public boolean enabled() { return enabled; }

    public String paint(String role, String text) {
        if (!enabled || text.isEmpty()) return text;
        String c = codes.get(role);
        return c == null ? text : c + text + RESET;
    }
}
