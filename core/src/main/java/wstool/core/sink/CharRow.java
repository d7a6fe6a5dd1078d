package wstool.core.sink;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A growable char buffer that rows are formatted into and written from in one block: unlike a StringBuilder it
 * never changes its coding (so it is written without a copy), and numbers go in without a String.
 */
final class CharRow {
    private char[] chars;
    private int length;

    CharRow(int capacity) { this.chars = new char[capacity]; }

    int length() { return length; }

    char charAt(int i) { return chars[i]; }

    private void room(int more) {
        if (length + more > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
    }

    CharRow append(char c) {
        room(1);
        chars[length++] = c;
        return this;
    }

    /** Appends {@code s}, or "null" as StringBuilder does. */
    CharRow append(String s) {
        if (s == null) s = "null";
        int n = s.length();
        room(n);
        s.getChars(0, n, chars, length);
        length += n;
        return this;
    }

    CharRow append(char[] c) { return append(c, 0, c.length); }

    CharRow append(char[] c, int from, int n) {
        room(n);
        System.arraycopy(c, from, chars, length, n);
        length += n;
        return this;
    }

    /** Text once formatted into a row and appended again later (a cell that repeats from row to row). */
    static final class Kept {
        private char[] chars = new char[16];
        private int length;

        /** Keeps the chars of {@code row} from {@code start} to its end. */
        void keep(CharRow row, int start) {
            int n = row.length - start;
            if (chars.length < n) chars = new char[n];
            System.arraycopy(row.chars, start, chars, 0, n);
            length = n;
        }

        void appendTo(CharRow row) { row.append(chars, 0, length); }
    }

    /** {@link Long#toString(long)}'s digits. */
    CharRow append(long v) {
        if (v == Long.MIN_VALUE) return append(Long.toString(v));
        room(20);
        if (v < 0) {
            chars[length++] = '-';
            v = -v;
        }
        if (v < 10) { // most numbers of a row: flags, families, types, statuses
            chars[length++] = (char) ('0' + v);
            return this;
        }
        if (v <= Integer.MAX_VALUE) return digits((int) v, 0);
        long high = v / 1_000_000_000L; // int arithmetic below: a long division per digit costs ~10x more
        append(high);
        return digits((int) (v - high * 1_000_000_000L), 9);
    }

    /** The decimal digits of {@code v >= 0}, zero-padded to {@code width}. */
    CharRow digits(int v, int width) {
        room(10);
        int n = 1;
        for (int p = 10; n < 10 && v >= p; p *= 10) n++;
        n = Math.max(n, width);
        int at = length + n;
        length = at;
        for (int i = 0; i < n; i++) {
            int q = v / 10;
            chars[--at] = (char) ('0' + (v - q * 10));
            v = q;
        }
        return this;
    }

    /** Whether a char from {@code start} on is in {@code set} (bit c set for char c below 64). */
    boolean anyOf(int start, long set) {
        char[] c = chars;
        for (int i = start, n = length; i < n; i++) {
            char x = c[i];
            if (x < 64 && (set & (1L << x)) != 0) return true;
        }
        return false;
    }

    /** Inserts one char at {@code at} (rare: the apostrophe of a neutralised cell whose text is already in). */
    void insert(int at, char c) {
        room(1);
        System.arraycopy(chars, at, chars, at + 1, length - at);
        chars[at] = c;
        length++;
    }

    /** Quotes the text from {@code start} to the end RFC 4180 style: in double quotes, quotes doubled. */
    void quoteFrom(int start) {
        int quotes = 0;
        for (int i = start; i < length; i++) if (chars[i] == '"') quotes++;
        int n = length - start;
        room(quotes + 2);
        int src = length - 1;
        int dst = length + quotes + 1;
        length = dst + 1;
        chars[dst--] = '"';
        for (; src >= start; src--) {
            char c = chars[src];
            chars[dst--] = c;
            if (c == '"') chars[dst--] = '"';
        }
        chars[dst] = '"';
        assert dst == start : n;
    }

    void setLength(int n) { length = n; }

    @Override
    public String toString() { return new String(chars, 0, length); }

    /** Writes the content and empties the buffer (shrinking it again after one huge row). */
    void writeTo(Writer out, int keep) throws IOException {
        out.write(chars, 0, length);
        length = 0;
        if (chars.length > 4 * keep) chars = new char[keep];
    }
}
