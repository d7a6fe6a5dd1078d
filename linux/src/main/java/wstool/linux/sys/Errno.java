package wstool.linux.sys;

/** The errno values the backend reacts to (x86_64/aarch64 generic values, from {@code <asm-generic/errno*.h>}). */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EBADF = 9, EAGAIN = 11, EACCES = 13, EBUSY = 16,
            EINVAL = 22, ENOBUFS = 105, EPROTONOSUPPORT = 93, EAFNOSUPPORT = 97, EOPNOTSUPP = 95,
            EINPROGRESS = 115, ECANCELED = 125;

    private static final java.util.Map<Integer, String> SYMBOLS = java.util.Map.ofEntries(
            java.util.Map.entry(1, "EPERM"), java.util.Map.entry(2, "ENOENT"), java.util.Map.entry(4, "EINTR"),
            java.util.Map.entry(9, "EBADF"), java.util.Map.entry(11, "EAGAIN"), java.util.Map.entry(13, "EACCES"),
            java.util.Map.entry(14, "EFAULT"), java.util.Map.entry(16, "EBUSY"), java.util.Map.entry(22, "EINVAL"),
            java.util.Map.entry(24, "EMFILE"), java.util.Map.entry(32, "EPIPE"), java.util.Map.entry(88, "ENOTSOCK"),
            java.util.Map.entry(90, "EMSGSIZE"), java.util.Map.entry(93, "EPROTONOSUPPORT"),
            java.util.Map.entry(95, "EOPNOTSUPP"), java.util.Map.entry(97, "EAFNOSUPPORT"),
            java.util.Map.entry(98, "EADDRINUSE"), java.util.Map.entry(99, "EADDRNOTAVAIL"),
            java.util.Map.entry(100, "ENETDOWN"), java.util.Map.entry(101, "ENETUNREACH"),
            java.util.Map.entry(103, "ECONNABORTED"), java.util.Map.entry(104, "ECONNRESET"),
            java.util.Map.entry(105, "ENOBUFS"), java.util.Map.entry(106, "EISCONN"), java.util.Map.entry(107, "ENOTCONN"),
            java.util.Map.entry(110, "ETIMEDOUT"), java.util.Map.entry(111, "ECONNREFUSED"),
            java.util.Map.entry(113, "EHOSTUNREACH"), java.util.Map.entry(114, "EALREADY"),
            java.util.Map.entry(112, "EHOSTDOWN"), java.util.Map.entry(115, "EINPROGRESS"),
            java.util.Map.entry(125, "ECANCELED"));

    private Errno() {}

    /** The symbolic name (ECONNREFUSED) of a Linux errno, "errno N" for ones not in the table, null for 0. */
    public static String symbol(int e) {
        if (e == 0) return null;
        String s = SYMBOLS.get(e);
        return s != null ? s : "errno " + e;
    }

    /** "ENOBUFS (105)" style text for the values above, "errno 42" otherwise. */
    public static String name(int e) {
        String n = switch (e) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EBUSY -> "EBUSY";
            case EINVAL -> "EINVAL";
            case ENOBUFS -> "ENOBUFS";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
            case EAFNOSUPPORT -> "EAFNOSUPPORT";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> null;
        };
        return n == null ? "errno " + e : n + " (" + e + ")";
    }
}
