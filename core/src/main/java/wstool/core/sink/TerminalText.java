package wstool.core.sink;

/**
 * Text from captures, recordings and data files made safe for a terminal: every text output (event lines, the
 * summary, look-ups, the verification report, doctor, the full-screen view) passes untrusted strings through here,
 * so that an {@code ESC[2J} in a DNS name, an OSC title sequence, a CR or a newline in a process name is shown as a
 * visible escape ({@code \x1b}, {@code \r}, {@code \n}) instead of acting on the terminal. C0 and C1 controls, DEL
 * and the Unicode bidirectional overrides and isolates (which reorder what is shown) are escaped; a backslash is
 * left as it is. CSV and JSON have their own escaping and do not use this.
 */
public final class TerminalText {
    private TerminalText() {}

    /** {@code s} with every control character as a visible escape; the same instance when there is none; "" for null. */
    public static String clean(String s) {
        if (s == null) return "";
        int i = firstUnsafe(s, 0, false);
        if (i < 0) return s;
        return escape(s, i, false);
    }

    /** Like {@link #clean} but line breaks ({@code \n}, {@code \r\n}) stay: for multi-line reports. */
    public static String cleanLines(String s) {
        if (s == null) return "";
        int i = firstUnsafe(s, 0, true);
        if (i < 0) return s;
        return escape(s, i, true);
    }

    /** Whether a code point would act on a terminal rather than be shown. */
    public static boolean unsafe(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean lineBreak(String s, int i) {
        char c = s.charAt(i);
        return c == '\n' || (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n');
    }

    private static int firstUnsafe(String s, int from, boolean keepLines) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c) && !(keepLines && lineBreak(s, i))) return i;
        }
        return -1;
    }

    private static String escape(String s, int first, boolean keepLines) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c) || (keepLines && lineBreak(s, i))) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x100) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
