package wstool.core.sink;

/**
 * JSON string literals as Jackson 2's {@code WriterBasedJsonGenerator} writes them with its default settings, for
 * values and field names alike: {@code "} and {@code \} behind a backslash, the control characters U+0000-U+001F as
 * {@code \b \t \n \f \r} or else a backslash, 'u' and four upper-case hex digits; every other char as it is
 * (non-ASCII, U+007F, U+2028/9, lone surrogates, '/'). A null string is the literal {@code null}, as
 * {@code writeString(null)} writes it.
 */
final class JsonStrings {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Per ASCII char: 0 when written as it is, the char after the backslash otherwise ('u' for the long form). */
    private static final char[] ESCAPES = new char[128];

    static {
        for (int c = 0; c < 0x20; c++) ESCAPES[c] = 'u';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private JsonStrings() {}

    /** Appends {@code s} as a JSON string literal, quotes included. */
    static void append(CharRow out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !escaped(s.charAt(i))) i++;
        out.append('"');
        if (i == n) {
            out.append(s); // the common case: nothing to escape, one copy
        } else {
            for (int j = 0; j < i; j++) out.append(s.charAt(j));
            for (; i < n; i++) appendChar(out, s.charAt(i));
        }
        out.append('"');
    }

    /** {@code s} as a JSON string literal followed by a colon: a member's key, made once per field name. */
    static String key(String s) {
        CharRow row = new CharRow(s.length() + 8);
        append(row, s);
        return row.append(':').toString();
    }

    private static boolean escaped(char c) { return c < 128 && ESCAPES[c] != 0; }

    private static void appendChar(CharRow out, char c) {
        if (!escaped(c)) {
            out.append(c);
            return;
        }
        char e = ESCAPES[c];
        out.append('\\').append(e);
        if (e == 'u') out.append('0').append('0').append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
}
