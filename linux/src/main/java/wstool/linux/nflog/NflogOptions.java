package wstool.linux.nflog;

import java.nio.file.Path;

/**
 * Settings of an NFLOG capture.
 *
 * @param group log group (nft {@code log group N}, iptables {@code -j NFLOG --nflog-group N}), 0-65535
 * @param copyRange bytes of each packet copied to user space (headers need 40 + 60; more only costs bandwidth)
 * @param receiveBuffer socket receive buffer in bytes; bursts beyond it are lost (ENOBUFS) and counted
 * @param kernelBatchBytes NFULA_CFG_NLBUFSIZ: the kernel batches messages up to this size into one datagram
 * @param flushCentis NFULA_CFG_TIMEOUT: a partial batch is sent after this many 1/100 s
 * @param queueThreshold NFULA_CFG_QTHRESH: a batch is sent once it holds this many packets
 * @param netns network namespace file to capture in (null = the current one)
 */
public record NflogOptions(int group, int copyRange, int receiveBuffer, int kernelBatchBytes, int flushCentis,
                           int queueThreshold, Path netns) {
    public static final int DEFAULT_GROUP = 100;

    public NflogOptions {
        if (group < 0 || group > 65535) throw new IllegalArgumentException("NFLOG group must be 0-65535, not " + group);
        if (copyRange < 0 || copyRange > 65535) throw new IllegalArgumentException("copy range must be 0-65535, not " + copyRange);
        if (receiveBuffer < 4096) throw new IllegalArgumentException("receive buffer must be at least 4096 bytes");
        if (kernelBatchBytes < 4096 || kernelBatchBytes > 131072) {
            throw new IllegalArgumentException("kernel batch size must be 4096-131072 bytes, not " + kernelBatchBytes);
        }
        if (flushCentis < 0 || flushCentis > 6000) throw new IllegalArgumentException("flush timeout must be 0-6000 centiseconds");
        if (queueThreshold < 1) throw new IllegalArgumentException("queue threshold must be positive");
    }

    /**
     * Group {@code group}, 256 copied bytes, 64 MiB socket buffer, 128 KiB batches of up to 1024 packets, flushed
     * every 50 ms. The kernel allocates each batch as one buffer and charges all of it to the socket, so full batches
     * hold several hundred thousand packets in 64 MiB (the kernel doubles the request); memory is used only while a
     * burst is waiting to be read.
     */
    public static NflogOptions defaults(int group) {
        return new NflogOptions(group, 256, 64 << 20, 131072, 5, 1024, null);
    }

    public NflogOptions withReceiveBuffer(int bytes) {
        return new NflogOptions(group, copyRange, bytes, kernelBatchBytes, flushCentis, queueThreshold, netns);
    }

    public NflogOptions withNetns(Path ns) {
        return new NflogOptions(group, copyRange, receiveBuffer, kernelBatchBytes, flushCentis, queueThreshold, ns);
    }
}
