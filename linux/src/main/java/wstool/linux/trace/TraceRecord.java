package wstool.linux.trace;

/**
 * One line of the bpftrace program's output: a completed socket call, or the exit of a traced process.
 *
 * @param op socket, connect, bind, listen, accept, sendto, recvfrom, sendmsg, recvmsg, write, read, sendmmsg,
 *           recvmmsg, sendfile, shutdown, close;
 *           exit (fd -1, ret = the kernel's task exit_code: a wait status); connected (the outcome of a connect
 *           that returned EINPROGRESS: ret 0, -errno of the socket, or -ECANCELED when it was closed while connecting)
 * @param monotonicNanos CLOCK_MONOTONIC time of the syscall's return
 * @param fd the descriptor the call was made on (-1 for socket())
 * @param ret the syscall's return value (negative errno on failure)
 * @param arg1 socket(): family; connect/bind: address length; listen: backlog; transfers: buffer length (-1 unknown)
 * @param arg2 socket(): type; sendmmsg/recvmmsg: the bytes of all messages transferred (ret is their number,
 *             arg1 the vlen asked for); otherwise 0
 * @param sockaddr the struct sockaddr bytes the call carried, or null
 * @param comm the kernel's name of the calling task (first 15 bytes of the executable's name)
 */
record TraceRecord(String op, long monotonicNanos, long pid, int fd, long ret, long arg1, long arg2,
                          byte[] sockaddr, String comm) {
}
