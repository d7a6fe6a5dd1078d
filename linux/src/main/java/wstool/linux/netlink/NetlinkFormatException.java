package wstool.linux.netlink;

/** A netlink message that does not follow the format; names the problem and the byte offset in the receive buffer. */
public final class NetlinkFormatException extends RuntimeException {
    private final int offset;

    public NetlinkFormatException(String problem, int offset) {
        super(problem + " at byte offset " + offset);
        this.offset = offset;
    }

    public int offset() { return offset; }
}
