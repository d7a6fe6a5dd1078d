package wstool.linux.trace;

import java.util.Set;

/** Parses the lines {@code socket-trace.bt} prints. Pure Java; bad lines throw with the reason. */
final class TraceLineParser {
    static final Set<String> OPS = Set.of("socket", "connect", "bind", "listen", "accept", "sendto", "recvfrom",
            "sendmsg", "recvmsg", "write", "read", "shutdown", "close", "exit", "connected", "sendmmsg", "recvmmsg", "sendfile");
    private static final int MAX_SOCKADDR = 128;

    private TraceLineParser() {}

    /** Whether the line is an event line (others are bpftrace chatter: "Attaching", "READY", warnings, blanks). */
    public static boolean isEvent(String line) { return line.startsWith("W "); }

    /** bpftrace's "Lost N events" notice, or -1. */
    public static long lostEvents(String line) {
        String t = line.trim();
        if (!t.startsWith("Lost ") || !t.endsWith(" events")) return -1;
        try {
            return Long.parseLong(t.substring(5, t.length() - 7).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static TraceRecord parse(String line) {
        String[] f = line.split(" ", 10); // comm, the last field, may itself contain spaces
        if (f.length != 10 || !f[0].equals("W")) {
            throw new IllegalArgumentException("trace line must have 10 fields starting with W, got " + f.length + ": '" + abbreviate(line) + "'");
        }
        if (!OPS.contains(f[1])) throw new IllegalArgumentException("unknown trace operation '" + abbreviate(f[1]) + "'");
        long ts = number(f[2], "timestamp");
        long pid = number(f[3], "pid");
        long fd = number(f[4], "fd");
        if (pid <= 0 || fd < -1 || fd > Integer.MAX_VALUE) throw new IllegalArgumentException("pid/fd out of range in '" + abbreviate(line) + "'");
        return new TraceRecord(f[1], ts, pid, (int) fd, number(f[5], "result"), number(f[6], "arg1"), number(f[7], "arg2"),
                f[8].equals("-") ? null : hex(f[8]), f[9]);
    }

    private static long number(String s, String what) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + abbreviate(s) + "'");
        }
    }

    /** "\x02\x00..." → bytes. */
    static byte[] hex(String s) {
        if (s.length() % 4 != 0 || s.length() / 4 > MAX_SOCKADDR) {
            throw new IllegalArgumentException("socket address dump has a bad length " + s.length());
        }
        byte[] out = new byte[s.length() / 4];
        for (int i = 0; i < out.length; i++) {
            int p = i * 4;
            if (s.charAt(p) != '\\' || s.charAt(p + 1) != 'x') {
                throw new IllegalArgumentException("socket address dump not in \\xNN form at character " + p);
            }
            int hi = Character.digit(s.charAt(p + 2), 16), lo = Character.digit(s.charAt(p + 3), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("bad hex digit in socket address at character " + p);
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static String abbreviate(String s) { return s.length() > 80 ? s.substring(0, 80) + "..." : s; }
}
