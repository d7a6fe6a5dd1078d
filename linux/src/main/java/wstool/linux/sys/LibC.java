package wstool.linux.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few libc calls the Linux backend needs (Java 17 has no AF_NETLINK). Linux only: {@code NativeLong} is the C
 * {@code long}, which is {@code size_t}/{@code ssize_t}'s width on every Linux ABI. Socket addresses and option
 * values are passed as byte arrays laid out by the caller.
 */
public interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] addr, int addrLen) throws LastErrorException;

    int getsockname(int fd, byte[] addr, int[] addrLen) throws LastErrorException;

    int setsockopt(int fd, int level, int name, byte[] value, int len) throws LastErrorException;

    int getsockopt(int fd, int level, int name, byte[] value, int[] len) throws LastErrorException;

    NativeLong send(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

    NativeLong recv(int fd, Pointer buf, NativeLong len, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Returns the name pointer or null; {@code name} must hold IF_NAMESIZE (16) bytes. */
    Pointer if_indextoname(int ifindex, byte[] name);

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int getpid();
}
