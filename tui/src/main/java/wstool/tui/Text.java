package wstool.tui;

import org.jline.utils.WCWidth;
import wstool.core.sink.TerminalText;

/** Fitting text into terminal cells: display width (wide CJK = 2), truncation with an ellipsis, padding. */
final class Text {
    static final char ELLIPSIS = '\u2026';

    private Text() {}

    /**
     * {@code s} made safe for a terminal by {@link TerminalText#clean} (control characters, e.g. an ESC smuggled into
     * a process or DNS name, become visible escapes like {@code \x1b}, as in every text output) and cut or padded to exactly {@code width} cells; a cut ends in an ellipsis.
     */
    static String fit(String s, int width) {
        if (width <= 0) return "";
        s = TerminalText.clean(s);
        StringBuilder sb = new StringBuilder(width + 8);
        boolean cut = width(s) > width;
        int room = cut ? width - 1 : width;
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > room) break;
            sb.appendCodePoint(cp);
            used += w;
            i += Character.charCount(s.codePointAt(i));
        }
        if (cut) {
            sb.append(ELLIPSIS);
            used++;
        }
        while (used < width) {
            sb.append(' ');
            used++;
        }
        return sb.toString();
    }

    /** Display width of s (after the same control-character escaping as {@link #fit}). */
    static int width(String s) {
        s = TerminalText.clean(s);
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }
}
