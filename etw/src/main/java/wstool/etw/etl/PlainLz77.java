package wstool.etw.etl;

/**
 * Decompressor for MS-XCA "Plain LZ77", the format of compressed .etl buffers (LogFileMode
 * EVENT_TRACE_COMPRESSED_MODE). Follows the decompression pseudocode of [MS-XCA] 2.4.4 "Processing"
 * (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-xca/34cb9ab9-5ce6-42d7-a518-107c1c7c65e7):
 * a 32-bit little-endian flag word announces the next 32 items, read from the most significant bit: 0 = one literal
 * byte, 1 = a 16-bit match word (offset = high 13 bits + 1, length = low 3 bits), where length 7 continues in a shared
 * half byte (one byte serves two matches: low nibble first, high nibble next), 15 there continues in a byte, 255 in a
 * 16-bit value and 0 there in a 32-bit value; the final length is that value + 3. A match may overlap its own output.
 * <p>
 * The caller says how many bytes the data expands to (a buffer's SavedOffset - 72); decoding stops there. Anything
 * that would read past the input, reach before the start of the output or write past the expected size makes
 * {@link #decompress} return false with {@link #problem()} set: never an exception, and every step consumes input,
 * so it always ends. The output array is reused across calls.
 */
final class PlainLz77 {
    private byte[] out = new byte[0];
    private String problem;

    /** The output of the last successful {@link #decompress}; valid until the next call. */
    byte[] output() { return out; }

    /** Why the last {@link #decompress} failed, or null. */
    String problem() { return problem; }

    /**
     * Expands {@code in[inOff, inOff+inLen)} into {@code output()[outOff, outOff+outLen)}; the bytes before
     * {@code outOff} are left as the caller put them (e.g. a buffer header) and matches cannot reach into them.
     *
     * @return true when exactly {@code outLen} bytes were produced
     */
    boolean decompress(byte[] in, int inOff, int inLen, int outOff, int outLen) {
        problem = null;
        if (inOff < 0 || inLen < 0 || inOff + inLen > in.length || outOff < 0 || outLen < 0) {
            return fail("bad arguments");
        }
        if (out.length < outOff + outLen) out = java.util.Arrays.copyOf(out, outOff + outLen);
        final byte[] o = out;
        final int inEnd = inOff + inLen;
        final int outEnd = outOff + outLen;
        int ip = inOff, op = outOff;
        int flags = 0, flagCount = 0;
        int halfByte = -1; // input position of a half-used length byte, or -1
        while (op < outEnd) {
            if (flagCount == 0) {
                if (ip + 4 > inEnd) return fail("input ends inside a flag word after " + (op - outOff) + " of " + outLen + " bytes");
                flags = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8 | (in[ip + 2] & 0xFF) << 16 | (in[ip + 3] & 0xFF) << 24;
                ip += 4;
                flagCount = 32;
            }
            flagCount--;
            if ((flags & (1 << flagCount)) == 0) {
                if (ip >= inEnd) return fail("input ends before a literal after " + (op - outOff) + " of " + outLen + " bytes");
                o[op++] = in[ip++];
                continue;
            }
            if (ip + 2 > inEnd) return fail("input ends inside a match after " + (op - outOff) + " of " + outLen + " bytes");
            int match = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
            ip += 2;
            int offset = (match >>> 3) + 1;
            long length = match & 7;
            if (length == 7) {
                if (halfByte < 0) {
                    if (ip >= inEnd) return fail("input ends inside a match length");
                    length = in[ip] & 0x0F;
                    halfByte = ip++;
                } else {
                    length = (in[halfByte] & 0xFF) >>> 4;
                    halfByte = -1;
                }
                if (length == 15) {
                    if (ip >= inEnd) return fail("input ends inside a match length");
                    length = in[ip++] & 0xFF;
                    if (length == 255) {
                        if (ip + 2 > inEnd) return fail("input ends inside a match length");
                        length = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                        ip += 2;
                        if (length == 0) {
                            if (ip + 4 > inEnd) return fail("input ends inside a match length");
                            length = ((in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8 | (in[ip + 2] & 0xFF) << 16
                                    | (long) (in[ip + 3] & 0xFF) << 24);
                            ip += 4;
                        }
                        if (length < 15 + 7) return fail("match length " + length + " below its encoding's minimum");
                        length -= 15 + 7;
                    }
                    length += 15;
                }
                length += 7;
            }
            length += 3;
            if (offset > op - outOff) return fail("match offset " + offset + " reaches before the start of the output at "
                    + (op - outOff));
            if (length > outEnd - op) return fail("match of " + length + " bytes overruns the expected size "
                    + outLen + " at " + (op - outOff));
            int n = (int) length;
            int from = op - offset;
            if (offset >= n) {
                System.arraycopy(o, from, o, op, n);
                op += n;
            } else {
                for (int i = 0; i < n; i++) o[op++] = o[from + i]; // overlapping: byte by byte, as the spec requires
            }
        }
        return true;
    }

    private boolean fail(String why) {
        problem = why;
        return false;
    }
}
