package wstool.linux.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import wstool.linux.netlink.Netlink;

/** A raw netlink socket through libc. One reader thread; {@link #close()} after that thread is done. */
public final class NetlinkSocket implements Closeable {
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;

    private final LibC libc;
    private final int fd;
    private final int protocol;
    private volatile boolean closed;

    private NetlinkSocket(LibC libc, int fd, int protocol) {
        this.libc = libc;
        this.fd = fd;
        this.protocol = protocol;
    }

    /** Opens and binds a netlink socket of {@code protocol} (NETLINK_NETFILTER...) with a kernel-assigned port id. */
    public static NetlinkSocket open(int protocol, int groups) throws IOException {
        LibC libc = LibC.INSTANCE;
        int fd;
        try {
            fd = libc.socket(Netlink.AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw new IOException("cannot open netlink socket (protocol " + protocol + "): " + Errno.name(e.getErrorCode()), e);
        }
        NetlinkSocket s = new NetlinkSocket(libc, fd, protocol);
        try {
            ByteBuffer addr = ByteBuffer.allocate(Netlink.SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
            addr.putShort((short) Netlink.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups);
            libc.bind(fd, addr.array(), Netlink.SOCKADDR_NL_LEN);
        } catch (LastErrorException e) {
            s.close();
            throw new IOException("cannot bind netlink socket: " + Errno.name(e.getErrorCode()), e);
        }
        return s;
    }

    public int fd() { return fd; }

    /**
     * Sets the receive buffer: SO_RCVBUFFORCE (root/CAP_NET_ADMIN, ignores net.core.rmem_max) and SO_RCVBUF when
     * that is not allowed. Returns the size the kernel reports (it doubles the request for bookkeeping).
     */
    public int setReceiveBuffer(int bytes) throws IOException {
        try {
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, intBytes(bytes), 4);
        } catch (LastErrorException e) {
            try {
                libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, intBytes(bytes), 4);
            } catch (LastErrorException e2) {
                throw new IOException("cannot set netlink receive buffer: " + Errno.name(e2.getErrorCode()), e2);
            }
        }
        byte[] v = new byte[4];
        int[] len = {4};
        try {
            libc.getsockopt(fd, SOL_SOCKET, SO_RCVBUF, v, len);
        } catch (LastErrorException e) {
            return -1;
        }
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }

    /** recv() returns after at most this long without data (EAGAIN), so the reader can notice a stop request. */
    public void setReceiveTimeout(long millis) throws IOException {
        ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()); // struct timeval, 64-bit Linux
        tv.putLong(millis / 1000).putLong((millis % 1000) * 1000);
        try {
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv.array(), 16);
        } catch (LastErrorException e) {
            throw new IOException("cannot set receive timeout: " + Errno.name(e.getErrorCode()), e);
        }
    }

    public void addMembership(int group) throws IOException {
        try {
            libc.setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, intBytes(group), 4);
        } catch (LastErrorException e) {
            throw new IOException("cannot join netlink multicast group " + group + ": " + Errno.name(e.getErrorCode()), e);
        }
    }

    public void send(byte[] message) throws IOException {
        try {
            libc.send(fd, message, new NativeLong(message.length), 0);
        } catch (LastErrorException e) {
            throw new IOException("netlink send failed: " + Errno.name(e.getErrorCode()), e);
        }
    }

    /** recv flag: return the datagram's real length even when it was longer than the buffer. */
    public static final int MSG_TRUNC = 0x20;

    /**
     * Receives one datagram into {@code buf}.
     *
     * @return the datagram's length (larger than {@code buf.size()} when it was truncated), or {@code -errno} for
     *     EAGAIN (timeout), EINTR and ENOBUFS (kernel dropped messages because the receive buffer was full), which
     *     callers handle; other errors throw
     */
    public int receive(Memory buf) throws IOException {
        try {
            return libc.recv(fd, buf, new NativeLong(buf.size()), MSG_TRUNC).intValue();
        } catch (LastErrorException e) {
            int err = e.getErrorCode();
            if (err == Errno.EAGAIN || err == Errno.EINTR || err == Errno.ENOBUFS) return -err;
            throw new IOException("netlink recv failed: " + Errno.name(err), e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            libc.close(fd);
        } catch (LastErrorException ignored) {
            // nothing useful to do: the descriptor is gone either way
        }
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    @Override
    public String toString() { return "netlink socket fd " + fd + " protocol " + protocol; }
}
