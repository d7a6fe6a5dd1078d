package wstool.linux.sys;

/** The errno values the backend reacts to (x86_64/aarch64 generic values, from {@code <asm-generic/errno*.h>}). */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, EINTR = 4, EBADF = 9, EAGAIN = 11, EACCES = 13, EBUSY = 16,
            EINVAL = 22, ENOBUFS = 105, EPROTONOSUPPORT = 93, EAFNOSUPPORT = 97, EOPNOTSUPP = 95;

    private Errno() {}

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
