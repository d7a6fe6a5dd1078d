package wstool.tui;

import org.jline.utils.WCWidth;

/** Fitting text into terminal cells: display width (wide CJK = 2), truncation with an ellipsis, padding. */
final class Text {
    static final char ELLIPSIS = '\u2026';

    private Text() {}

    /**
     * {@code s} made safe for a terminal (control characters, e.g. an ESC smuggled into a process or DNS name,
     * become '?') and cut or padded to exactly {@code width} cells; a cut ends in an ellipsis.
     */
    static String fit(String s, int width) {
        if (width <= 0) return "";
        if (s == null) s = "";
        StringBuilder sb = new StringBuilder(width + 8);
        boolean cut = width(s) > width;
        int room = cut ? width - 1 : width;
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = safe(s.codePointAt(i));
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

    /** Display width of s (after the same control-character replacement as {@link #fit}). */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(safe(cp)));
            i += Character.charCount(cp);
        }
        return w;
    }

    private static int safe(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? '?' : cp;
    }
}
