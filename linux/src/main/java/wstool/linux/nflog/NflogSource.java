package wstool.linux.nflog;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import wstool.core.model.FirewallEvent;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.linux.netlink.Netlink;
import wstool.linux.netlink.NetlinkFormatException;
import wstool.linux.netlink.NetlinkMessage;
import wstool.linux.netlink.NetlinkMessages;
import wstool.linux.sys.Errno;
import wstool.linux.sys.InterfaceNames;
import wstool.linux.sys.NetNamespace;
import wstool.linux.sys.NetlinkSocket;
import wstool.linux.sys.UserNames;

/**
 * Live firewall events from nfnetlink_log: binds one log group on a NETLINK_NETFILTER socket (copy-packet mode,
 * per-instance sequence numbers) and turns every logged packet into a {@code FirewallEvent}.
 *
 * <p>Loss: when the socket's receive buffer overflows the kernel drops whole batches and recv() fails with ENOBUFS.
 * Sequence numbers (NFULNL_CFG_F_SEQ) make the loss exact: {@link #lostAtSource()} is the sum of the gaps.
 * Requires root or CAP_NET_ADMIN (binding a log group).
 */
public final class NflogSource implements EventSource {
    private static final int RECV_TIMEOUT_MILLIS = 200;
    private static final int ACK_WAIT_MILLIS = 2_000;
    private static final long DRAIN_NANOS = 3_000_000_000L;
    /** A batch can exceed NFULA_CFG_NLBUFSIZ: the kernel fills the whole (slab-rounded) buffer it allocated. */
    private static final int READ_BUFFER_BYTES = 512 * 1024;

    private final NflogOptions options;
    private final IntFunction<String> interfaceNamesOverride;
    private final LongFunction<String> userNames;
    private final AtomicLong seqLost = new AtomicLong();
    private final AtomicLong enobufs = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong unreadAtStop = new AtomicLong();
    /** ENOBUFS seen since the last sequence gap: the loss is not yet measured (it is, once a later packet arrives). */
    private final AtomicLong unresolvedOverruns = new AtomicLong();
    private final AtomicLong captured = new AtomicLong();
    private volatile boolean stopRequested;
    private volatile boolean ready;
    private DropCorrelator correlator;
    private volatile String lastMalformed;
    private long expectedSeq = -1;
    private int nextRequestSeq = 1;

    public NflogSource(NflogOptions options) { this(options, null, new UserNames()); }

    NflogSource(NflogOptions options, IntFunction<String> interfaceNames, LongFunction<String> userNames) {
        this.options = options;
        this.interfaceNamesOverride = interfaceNames;
        this.userNames = userNames;
    }

    /**
     * Pairs the records of the rules {@link NftRuleInstaller} adds into verdicts (call before {@link #run}).
     *
     * @param reportAllowed also report packets that passed the ruleset
     */
    public NflogSource correlateInstalledRules(boolean reportAllowed) {
        correlator = new DropCorrelator(java.time.Duration.ofMillis(500), reportAllowed);
        return this;
    }

    @Override public String name() { return "NFLOG group " + options.group(); }

    @Override public boolean live() { return true; }

    @Override public void stop() { stopRequested = true; }

    /**
     * Packets the kernel logged but could not deliver: the sequence gaps, plus one for each overrun (ENOBUFS) that no
     * later packet has measured yet (a loss at the very end of a burst shows no gap until the next packet arrives),
     * plus datagrams that did not fit the read buffer, plus packets still unread in the socket when the job ended.
     */
    @Override public long lostAtSource() {
        return seqLost.get() + unresolvedOverruns.get() + truncated.get() + unreadAtStop.get();
    }

    /** Packets the kernel had queued for us but the job ended (--duration, Ctrl-C) before they were read. */
    public long unreadAtStop() { return unreadAtStop.get(); }

    /** Overruns whose size is not known (no packet after them yet): lostAtSource() is then a lower bound. */
    public long unresolvedOverruns() { return unresolvedOverruns.get(); }

    public long enobufsCount() { return enobufs.get(); }

    public long malformedCount() { return malformed.get(); }

    public String lastMalformed() { return lastMalformed; }

    public long capturedCount() { return captured.get(); }

    /** True once the group is bound and configured: packets logged from then on are captured (or counted lost). */
    public boolean ready() { return ready; }

    @Override
    public void run(Emitter emitter) throws Exception {
        if (options.netns() == null) {
            capture(emitter);
        } else {
            // the whole capture runs on this thread inside the namespace, so interface names resolve there too
            NetNamespace.callIn(options.netns(), () -> {
                capture(emitter);
                return null;
            });
        }
    }

    private void capture(Emitter emitter) throws IOException {
        NflogEventMapper mapper = new NflogEventMapper(
                interfaceNamesOverride != null ? interfaceNamesOverride : new InterfaceNames(), userNames);
        try (NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_NETFILTER, 0);
             Memory buf = new Memory(READ_BUFFER_BYTES)) {
            socket.setReceiveBuffer(options.receiveBuffer());
            socket.setReceiveTimeout(RECV_TIMEOUT_MILLIS);
            Receiver r = new Receiver(socket, buf, emitter, mapper);
            configure(r);
            ready = true;
            try {
                while (!stopRequested) r.receiveOnce();
            } finally {
                try {
                    socket.send(NflogConfigMessages.command(nextRequestSeq++, Nflog.AF_UNSPEC, options.group(),
                            Nflog.CMD_UNBIND));
                    // what the kernel queued before the unbind is still in the socket buffer and the pipeline no
                    // longer takes events: count it (headers only, fast) so nothing logged disappears uncounted
                    long until = System.nanoTime() + DRAIN_NANOS;
                    while (System.nanoTime() < until && r.countUnread() != -Errno.EAGAIN) {
                        // keep draining
                    }
                } catch (IOException ignored) {
                    // closing the socket unbinds the group as well
                }
                if (correlator != null) correlator.drain().forEach(emitter::emit);
            }
        }
    }

    private void configure(Receiver r) throws IOException {
        // pf (un)bind: no-ops since Linux 3.17, required before; sent as libnetfilter_log/ulogd do, errors ignored
        for (int family : new int[] {Nflog.AF_INET, Nflog.AF_INET6}) {
            r.request(NflogConfigMessages.command(nextRequestSeq, family, 0, Nflog.CMD_PF_UNBIND), nextRequestSeq++, false);
            r.request(NflogConfigMessages.command(nextRequestSeq, family, 0, Nflog.CMD_PF_BIND), nextRequestSeq++, false);
        }
        int err = r.request(NflogConfigMessages.command(nextRequestSeq, Nflog.AF_UNSPEC, options.group(),
                Nflog.CMD_BIND), nextRequestSeq++, true);
        if (err == Errno.EPERM || err == Errno.EACCES) {
            throw new IOException("binding NFLOG group " + options.group() + " was refused (" + Errno.name(err)
                    + "): ws_tool firewall on Linux needs root or CAP_NET_ADMIN");
        }
        if (err == Errno.EBUSY) {
            throw new IOException("NFLOG group " + options.group() + " is already bound by another process "
                    + "(ulogd2 or another ws_tool?); pick another group with --nflog-group");
        }
        if (err != 0) throw new IOException("binding NFLOG group " + options.group() + " failed: " + Errno.name(err));
        err = r.request(NflogConfigMessages.settings(nextRequestSeq, options.group(),
                options.copyRange() == 0 ? Nflog.NFULNL_COPY_META : Nflog.NFULNL_COPY_PACKET, options.copyRange(),
                Nflog.NFULNL_CFG_F_SEQ, options.kernelBatchBytes(), options.flushCentis(), options.queueThreshold()),
                nextRequestSeq++, true);
        if (err != 0) throw new IOException("configuring NFLOG group " + options.group() + " failed: " + Errno.name(err));
    }

    /** Accounts a packet's sequence number: a jump means the kernel dropped that many packets. */
    void accountSequence(long seq) {
        if (seq < 0) return;
        if (expectedSeq >= 0 && seq > expectedSeq) {
            seqLost.addAndGet(seq - expectedSeq);
            unresolvedOverruns.set(0);
        }
        expectedSeq = seq + 1;
    }

    private final class Receiver {
        private final NetlinkSocket socket;
        private final Memory buf;
        private final Emitter emitter;
        private final NflogEventMapper mapper;
        private int ackSeq = -1;
        private int ackError;

        Receiver(NetlinkSocket socket, Memory buf, Emitter emitter, NflogEventMapper mapper) {
            this.socket = socket;
            this.buf = buf;
            this.emitter = emitter;
            this.mapper = mapper;
        }

        /** Sends a config request and waits (bounded) for its ACK; packets arriving meanwhile are emitted. */
        int request(byte[] msg, int seq, boolean required) throws IOException {
            socket.send(msg);
            long deadline = System.nanoTime() + ACK_WAIT_MILLIS * 1_000_000L;
            while (ackSeq != seq) {
                if (System.nanoTime() > deadline) {
                    if (required) throw new IOException("no answer from nfnetlink_log within " + ACK_WAIT_MILLIS
                            + " ms (is the nfnetlink_log module available?)");
                    return -1;
                }
                receiveOnce();
            }
            return ackError;
        }

        /** Reads one datagram and counts its packets as unread at stop; returns what receive returned. */
        int countUnread() throws IOException {
            int n = socket.receive(buf);
            if (n == -Errno.ENOBUFS) {
                enobufs.incrementAndGet();
                unresolvedOverruns.incrementAndGet();
            } else if (n > 0 && n <= buf.size()) {
                try {
                    for (NetlinkMessage m : NetlinkMessages.split(buf.getByteBuffer(0, n))) {
                        if (NflogParser.isPacket(m)) unreadAtStop.incrementAndGet();
                    }
                } catch (NetlinkFormatException e) {
                    noteMalformed(e);
                }
            }
            return n;
        }

        /** @return what {@link NetlinkSocket#receive} returned (bytes, or -errno) */
        int receiveOnce() throws IOException {
            int n = socket.receive(buf);
            if (n == -Errno.ENOBUFS) {
                enobufs.incrementAndGet();
                unresolvedOverruns.incrementAndGet();
                return n;
            }
            if (n > buf.size()) {
                truncated.incrementAndGet();
                lastMalformed = "datagram of " + n + " bytes truncated to the " + buf.size() + "-byte read buffer";
                return n;
            }
            if (n <= 0) {
                if (correlator != null) correlator.expire(Instant.now()).forEach(this::deliver);
                return n;
            }
            ByteBuffer datagram = buf.getByteBuffer(0, n);
            Instant now = Instant.now();
            List<NetlinkMessage> messages;
            try {
                messages = NetlinkMessages.split(datagram);
            } catch (NetlinkFormatException e) {
                noteMalformed(e);
                return n;
            }
            for (NetlinkMessage m : messages) {
                if (m.type() == Netlink.NLMSG_ERROR) {
                    ackSeq = m.seq();
                    ackError = m.errorCode();
                } else if (NflogParser.isPacket(m)) {
                    try {
                        NflogPacket p = NflogParser.parse(m);
                        if (p.group() != options.group()) continue;
                        accountSequence(p.seq());
                        captured.incrementAndGet();
                        FirewallEvent e = mapper.map(p, now);
                        if (correlator == null) {
                            deliver(e);
                        } else {
                            for (FirewallEvent d : correlator.offer(e, DropCorrelator.key(p), now)) deliver(d);
                        }
                    } catch (NetlinkFormatException e) {
                        noteMalformed(e);
                    }
                }
            }
            if (correlator != null) correlator.expire(now).forEach(this::deliver);
            return n;
        }

        /**
         * Waits while the pipeline queue is full, so a burst stays in the kernel's socket buffer (sized for it; any
         * overflow there is counted exactly from the sequence numbers) instead of being dropped here. Once a stop is
         * requested nothing waits: what is left is handed over and counted by the pipeline.
         */
        private void deliver(FirewallEvent e) {
            while (!emitter.hasRoom() && !stopRequested) LockSupport.parkNanos(100_000);
            emitter.emit(e);
        }

        private void noteMalformed(NetlinkFormatException e) {
            malformed.incrementAndGet();
            lastMalformed = e.getMessage();
        }
    }
}
