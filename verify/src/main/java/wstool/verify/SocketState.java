package wstool.verify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import wstool.core.model.CallPhase;
import wstool.core.model.Endpoint;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.net.IpProtocols;

/** One socket instance of one process: its lifecycle, addresses, traffic and the calls it has pending. */
final class SocketState {
    /** A started call waiting for its completion. {@code bufferKey} is the user buffer address when the source gives it. */
    record PendingCall(SocketOp op, Instant at, long bufferLength, String bufferKey) {}

    /**
     * A completion that came without its start; a start delivered late (earlier timestamp) can still claim it.
     * {@code finding} is the completion-without-start finding made for it, if any (withdrawn when it is claimed).
     */
    static final class Orphan {
        final SocketOp op;
        final Instant at;
        final long bytes;
        final String bufferKey;
        FindingBuilder finding;

        Orphan(SocketOp op, Instant at, long bytes, String bufferKey) {
            this.op = op;
            this.at = at;
            this.bytes = bytes;
            this.bufferKey = bufferKey;
        }
    }

    static final int MAX_ORPHANS = 8;

    final long id;
    /** Linux trace ids are file descriptors ("fd 5"); AFD ids are kernel endpoint addresses (hex). */
    final boolean fd;
    /** Null when the socket was created before the trace (first seen on another operation). */
    Instant created;
    final Instant firstSeen;
    boolean createPending;
    int family = -1, socketType = -1, ipProtocol = -1;
    Endpoint local = Endpoint.NONE, remote = Endpoint.NONE, bound = Endpoint.NONE;
    long bytesOut, bytesIn, events;
    Evidence closedBy;
    /** Slots of the checks: WS009 looked at this socket's listen; the WS003 and WS002 findings it has. */
    boolean listenChecked;
    FindingBuilder unknownFinding, useAfterCloseFinding;
    final ArrayDeque<PendingCall> pending = new ArrayDeque<>(2);
    ArrayDeque<Orphan> orphans;
    /** Which end events were seen: AFD sends CLEANUP (handle closed) then CLOSE (last reference); Linux CLOSE only. */
    boolean sawCleanup, sawClose;
    /** The latest call the program made on this socket (by timestamp), to catch a close delivered before it. */
    Instant lastCallAt;
    String lastCall;
    /** Whether that call proves it was made after a close (a start, a single event, or a bad-handle result). */
    boolean lastCallProof;

    SocketState(long id, boolean fd, Instant created, Instant firstSeen) {
        this.id = id;
        this.fd = fd;
        this.created = created;
        this.firstSeen = firstSeen;
    }

    boolean createdInTrace() { return created != null; }

    void learn(SocketEvent e) {
        events++;
        if (e.family() >= 0) family = e.family();
        if (e.socketType() >= 0) socketType = e.socketType();
        if (e.header().ipProtocol() >= 0) ipProtocol = e.header().ipProtocol();
        if (e.header().local() != Endpoint.NONE && e.header().local().address() != null) local = e.header().local();
        if (e.header().remote() != Endpoint.NONE && e.header().remote().address() != null) remote = e.header().remote();
    }

    /** @return false when the oldest pending call had to be forgotten to stay within the limit */
    boolean addPending(SocketEvent e, int max) {
        boolean kept = true;
        if (pending.size() >= max) {
            pending.pollFirst();
            kept = false;
        }
        pending.addLast(new PendingCall(e.op(), e.header().timestamp(), e.bufferLength(), bufferKey(e)));
        return kept;
    }

    /** Removes and returns the call this completion ends: same operation and buffer when known, oldest first. */
    PendingCall completes(SocketEvent e) {
        String key = bufferKey(e);
        for (Iterator<PendingCall> it = pending.iterator(); it.hasNext(); ) {
            PendingCall c = it.next();
            if (c.op() == e.op() && (key == null || c.bufferKey() == null || key.equals(c.bufferKey()))) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    Orphan addOrphan(SocketEvent e) {
        if (orphans == null) orphans = new ArrayDeque<>(2);
        if (orphans.size() >= MAX_ORPHANS) orphans.pollFirst();
        Orphan o = new Orphan(e.op(), e.header().timestamp(), e.bytes(), bufferKey(e));
        orphans.addLast(o);
        return o;
    }

    /** Removes and returns a completion, seen earlier in the stream but later in time, that this start begins. */
    Orphan claimOrphan(SocketEvent start) {
        if (orphans == null) return null;
        String key = bufferKey(start);
        for (Iterator<Orphan> it = orphans.iterator(); it.hasNext(); ) {
            Orphan o = it.next();
            if (o.op == start.op() && !o.at.isBefore(start.header().timestamp())
                    && (key == null || o.bufferKey == null || key.equals(o.bufferKey))) {
                it.remove();
                return o;
            }
        }
        return null;
    }

    private static String bufferKey(SocketEvent e) {
        String b = e.header().raw().get("Buffer");
        return b == null || b.isEmpty() ? null : b;
    }

    /** "0xffffa3018c7d1ea0 TCP 10.0.0.2:51844 -> 93.184.216.34:80" (AFD endpoint) or "fd 5 UDP ..." (Linux). */
    String describe() {
        StringBuilder sb = new StringBuilder(idText(id, fd));
        String proto = ipProtocol >= 0 ? IpProtocols.name(ipProtocol).toUpperCase(java.util.Locale.ROOT)
                : socketType == 1 ? "TCP" : socketType == 2 ? "UDP" : null;
        if (proto != null) sb.append(' ').append(proto);
        Endpoint l = local.address() != null ? local : bound;
        if (l.address() != null || l.port() >= 0) sb.append(' ').append(l);
        if (remote.address() != null) sb.append(" -> ").append(remote);
        return sb.toString();
    }

    static String idText(long id, boolean fd) {
        return fd ? "fd " + id : "0x" + Long.toHexString(id);
    }

    static String idText(SocketEvent e) {
        return idText(e.endpointId(), isFd(e));
    }

    static boolean isFd(SocketEvent e) { return e.header().source() == wstool.core.model.Source.LINUX_TRACE; }

    static String phaseText(SocketEvent e) {
        return e.phase() == CallPhase.SINGLE ? e.op().name() : e.op().name() + " " + e.phase().name();
    }
}
