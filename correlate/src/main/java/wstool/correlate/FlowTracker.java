package wstool.correlate;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.net.Addresses;

/**
 * Folds socket events and firewall verdicts into {@link Flow}s. A flow is keyed by its socket (pid and endpoint
 * id; for UDP also the peer, one conversation per peer) when the source names the socket, else by its 5-tuple;
 * a socket-keyed flow whose 5-tuple is known is also found by tuple (Kernel-Network events of an AFD socket).
 * <p>
 * Memory is bounded: open flows are capped ({@link CorrelationSettings#maxOpenFlows()}: the least recently active
 * one is then written early and counted in {@link #evicted()}); flows idle for their protocol's timeout and closed
 * flows are written and forgotten. A closed flow is held {@code linger} longer so that a verdict that arrives after
 * the close (it is correlated a window later) still joins it.
 */
final class FlowTracker {
    private record SocketId(long pid, long endpointId) {}

    private record SocketKey(SocketId socket, Endpoint peer) {}

    private record TupleKey(int protocol, InetAddress a, int aPort, InetAddress b, int bPort) {
        static TupleKey of(int protocol, Endpoint local, Endpoint remote) {
            InetAddress l = Addresses.unmapped(local.address());
            InetAddress r = Addresses.unmapped(remote.address());
            // either direction is one key, as the Community ID is
            boolean swap = compare(l, local.port(), r, remote.port()) > 0;
            return swap ? new TupleKey(protocol, r, remote.port(), l, local.port())
                    : new TupleKey(protocol, l, local.port(), r, remote.port());
        }

        private static int compare(InetAddress x, int xp, InetAddress y, int yp) {
            int c = java.util.Arrays.compare(x.getAddress(), y.getAddress());
            return c != 0 ? c : Integer.compare(xp, yp);
        }
    }

    private final CorrelationSettings settings;
    private final Duration linger;
    private final Consumer<Flow> out;
    /** Open flows by key, least recently active first; TCP and the rest apart, as their idle timeouts differ. */
    private final LinkedHashMap<Object, Flow> tcp = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<Object, Flow> other = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<TupleKey, Object> byTuple = new HashMap<>();
    private final Map<Flow, TupleKey> tupleOf = new HashMap<>();
    private final Map<SocketId, Set<Object>> udpBySocket = new HashMap<>();
    private final Map<Flow, Object> keyOf = new HashMap<>();
    private final ArrayDeque<Flow> closed = new ArrayDeque<>();
    private long evicted;
    private long written;
    private long lateVerdicts;

    FlowTracker(CorrelationSettings settings, Consumer<Flow> out) {
        this.settings = settings;
        this.linger = settings.verdictWindow().multipliedBy(2);
        this.out = out;
    }

    long evicted() { return evicted; }

    long written() { return written; }

    long lateVerdicts() { return lateVerdicts; }

    int open() { return tcp.size() + other.size(); }

    /** Folds a socket event in; returns its flow (for the verdict correlation), or null when it belongs to none. */
    Flow onSocket(SocketEvent s) {
        EventHeader h = s.header();
        int protocol = protocolOf(s);
        Object key = key(s, protocol);
        if (key == null) return null;
        Flow f = find(key);
        if (f == null && key instanceof SocketKey && fullTuple(h.local(), h.remote()) && protocol >= 0) {
            // the flow a tuple-only view (a verdict, Kernel-Network) opened for this connection; another socket's flow
            // with the same 5-tuple is an older connection whose end was not seen, not this one
            Object other = byTuple.get(TupleKey.of(protocol, h.local(), h.remote()));
            if (other instanceof TupleKey) f = find(other);
        }
        if (f == null) {
            if (!startsFlow(s.op())) return null;
            f = open(key, protocol, h.timestamp());
        }
        f.touch(h.timestamp());
        f.sources.add(h.source());
        f.fillEndpoints(h.local(), h.remote());
        if (f.protocol < 0) f.protocol = protocol;
        if (f.pid == EventHeader.UNKNOWN_PID && h.attributed()) {
            f.pid = h.pid();
            f.process = h.process();
            f.user = h.user();
        }
        if (f.host == null) f.host = h.host();
        takeNames(f, s);
        fold(f, s);
        indexTuple(f);
        if (s.op().endsEndpoint() || s.op() == SocketOp.ABORT) {
            if (key instanceof SocketKey sk && sk.peer() == null && udpBySocket.containsKey(sk.socket())) {
                for (Object k : Set.copyOf(udpBySocket.get(sk.socket()))) close(k, h.timestamp());
            }
            close(key, h.timestamp());
        }
        return f;
    }

    /**
     * Folds a verdict in: into {@code matched} (the flow of its correlated socket event) when given and not yet
     * written, else into the flow of its 5-tuple, else into a new firewall-only flow.
     */
    void onVerdict(FirewallEvent v, Flow matched) {
        EventHeader h = v.header();
        Flow f = matched;
        if (f != null && f.written) {
            lateVerdicts++;
            return;
        }
        if (f == null && fullTuple(h.local(), h.remote()) && h.ipProtocol() >= 0) {
            TupleKey tk = TupleKey.of(h.ipProtocol(), h.local(), h.remote());
            Object k = byTuple.get(tk);
            f = k == null ? null : find(k);
            if (f == null) {
                f = open(tk, h.ipProtocol(), h.timestamp());
                f.initiator = v.direction();
            }
        }
        if (f == null) return;
        f.touch(h.timestamp());
        f.sources.add(h.source());
        f.verdicts++;
        f.fillEndpoints(h.local(), h.remote());
        if (f.protocol < 0) f.protocol = h.ipProtocol();
        if (f.pid == EventHeader.UNKNOWN_PID && h.attributed()) {
            f.pid = h.pid();
            f.process = h.process();
            f.user = h.user();
            f.pidCorrelated = h.correlation().pidSource() != null;
        }
        if (f.host == null) f.host = h.host();
        takeNames(f, v);
        if (v.type().isDrop() && f.blockedFilterId < 0 && f.blockedFilterName == null) {
            f.outcome(Outcome.BLOCKED);
            f.blockedFilterId = v.filterId();
            f.blockedFilterName = v.filterName();
            f.blockedRule = v.rule();
        }
        indexTuple(f);
    }

    /** Writes what has been idle, and closed flows past their linger, as of {@code now}. */
    void expire(Instant now) {
        expire(tcp, now.minus(settings.tcpIdle()));
        expire(other, now.minus(settings.udpIdle()));
        Instant closedBefore = now.minus(linger);
        while (!closed.isEmpty() && !closed.peek().last.isAfter(closedBefore)) write(closed.poll());
    }

    /** The input has ended: every flow is written. */
    void finish() {
        while (!closed.isEmpty()) write(closed.poll());
        for (Flow f : new java.util.ArrayList<>(tcp.values())) end(f, Flow.EndReason.END_OF_INPUT);
        for (Flow f : new java.util.ArrayList<>(other.values())) end(f, Flow.EndReason.END_OF_INPUT);
    }

    private void expire(LinkedHashMap<Object, Flow> flows, Instant idleBefore) {
        Iterator<Flow> it = flows.values().iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            if (f.last.isAfter(idleBefore)) return; // access order: everything after it was active later
            it.remove();
            forget(f);
            f.endReason = Flow.EndReason.IDLE;
            write(f);
        }
    }

    private Flow open(Object key, int protocol, Instant t) {
        if (open() >= settings.maxOpenFlows()) evictOne();
        Flow f = new Flow(t);
        f.protocol = protocol;
        (protocol == 6 ? tcp : other).put(key, f);
        keyOf.put(f, key);
        if (key instanceof SocketKey sk && sk.peer() != null) udpBySocket.computeIfAbsent(sk.socket(), k -> new HashSet<>()).add(key);
        return f;
    }

    private void evictOne() {
        Map.Entry<Object, Flow> a = tcp.isEmpty() ? null : tcp.entrySet().iterator().next();
        Map.Entry<Object, Flow> b = other.isEmpty() ? null : other.entrySet().iterator().next();
        Map.Entry<Object, Flow> oldest = a == null ? b : b == null ? a : a.getValue().last.isAfter(b.getValue().last) ? b : a;
        if (oldest == null) return;
        evicted++;
        end(oldest.getValue(), Flow.EndReason.EVICTED);
    }

    private Flow find(Object key) {
        Flow f = tcp.get(key);
        return f != null ? f : other.get(key);
    }

    private void close(Object key, Instant t) {
        Flow f = find(key);
        if (f == null) return;
        remove(f);
        f.endReason = Flow.EndReason.CLOSED;
        f.touch(t);
        closed.add(f);
        if (closed.size() > settings.maxOpenFlows()) write(closed.poll());
    }

    private void end(Flow f, Flow.EndReason why) {
        remove(f);
        f.endReason = why;
        write(f);
    }

    private void remove(Flow f) {
        Object key = keyOf.get(f);
        if (key == null) return;
        tcp.remove(key);
        other.remove(key);
        forget(f);
    }

    private void forget(Flow f) {
        Object key = keyOf.remove(f);
        TupleKey tk = tupleOf.remove(f);
        if (tk != null && key != null && key.equals(byTuple.get(tk))) byTuple.remove(tk);
        if (key instanceof SocketKey sk && sk.peer() != null) {
            Set<Object> keys = udpBySocket.get(sk.socket());
            if (keys != null && keys.remove(key) && keys.isEmpty()) udpBySocket.remove(sk.socket());
        }
    }

    private void write(Flow f) {
        if (f.written) return;
        f.written = true;
        // a socket that never had a peer (a listener, a socket closed unused) is no flow
        if (f.remote.address() == null) return;
        written++;
        out.accept(f);
    }

    private void indexTuple(Flow f) {
        if (tupleOf.containsKey(f) || f.protocol < 0 || !fullTuple(f.local, f.remote)) return;
        Object key = keyOf.get(f);
        if (key == null) return;
        TupleKey tk = TupleKey.of(f.protocol, f.local, f.remote);
        byTuple.putIfAbsent(tk, key);
        tupleOf.put(f, tk);
    }

    private static void takeNames(Flow f, NetEvent e) {
        if (f.hostname == null) f.hostname = e.header().correlation().hostname();
        if (f.enrichment.isEmpty() && !e.header().enrichment().isEmpty()) f.enrichment = e.header().enrichment();
    }

    private void fold(Flow f, SocketEvent s) {
        boolean done = s.phase() != CallPhase.START;
        switch (s.op()) {
            case CONNECT -> {
                if (f.initiator == Direction.UNKNOWN) f.initiator = Direction.OUT;
                if (done) status(f, s, Outcome.ESTABLISHED);
            }
            case ACCEPT -> {
                if (f.initiator == Direction.UNKNOWN) f.initiator = Direction.IN;
                if (done) status(f, s, Outcome.ESTABLISHED);
            }
            case SEND, SENDTO, RECV, RECVFROM -> {
                boolean send = s.op() == SocketOp.SEND || s.op() == SocketOp.SENDTO;
                if (f.initiator == Direction.UNKNOWN) f.initiator = send ? Direction.OUT : Direction.IN;
                if (!done) return;
                if (s.failed()) {
                    status(f, s, null);
                    return;
                }
                if (f.bytesSource == null) f.bytesSource = s.header().source();
                if (f.bytesSource != s.header().source() || s.bytes() < 0) return;
                if (send) {
                    f.outBytes += s.bytes();
                    f.outPackets++;
                } else if (s.bytes() > 0) { // a 0-byte receive is the peer's end of stream, not a packet
                    f.inBytes += s.bytes();
                    f.inPackets++;
                }
                if (s.bytes() > 0 && f.protocol == 6) f.outcome(Outcome.ESTABLISHED);
            }
            case ABORT -> f.outcome(Outcome.RESET);
            default -> {
                if (done && s.failed()) status(f, s, null);
            }
        }
    }

    private static void status(Flow f, SocketEvent s, Outcome onSuccess) {
        if (!s.failed()) {
            if (onSuccess != null) f.outcome(onSuccess);
            return;
        }
        Outcome o = Outcome.ofStatus(s.statusName());
        if (o == null) return;
        f.outcome(o);
        if (f.failureStatus == null) f.failureStatus = s.statusName() != null ? s.statusName() : Long.toString(s.status());
    }

    private static boolean startsFlow(SocketOp op) {
        return switch (op) {
            case CREATE, BIND, CONNECT, ACCEPT, SEND, RECV, SENDTO, RECVFROM, RECONNECT -> true;
            default -> false;
        };
    }

    private static Object key(SocketEvent s, int protocol) {
        EventHeader h = s.header();
        if (s.endpointId() >= 0 && h.attributed()) {
            SocketId id = new SocketId(h.pid(), s.endpointId());
            boolean udp = protocol == 17;
            return new SocketKey(id, udp && h.remote().address() != null ? h.remote() : null);
        }
        if (protocol >= 0 && fullTuple(h.local(), h.remote())) return TupleKey.of(protocol, h.local(), h.remote());
        return null;
    }

    /** IANA protocol of a socket event: its own, else from the socket type (stream TCP, datagram UDP), else -1. */
    static int protocolOf(SocketEvent s) {
        if (s.header().ipProtocol() >= 0) return s.header().ipProtocol();
        return s.socketType() == 1 ? 6 : s.socketType() == 2 ? 17 : -1;
    }

    private static boolean fullTuple(Endpoint l, Endpoint r) {
        return l.address() != null && !l.address().isAnyLocalAddress() && l.port() > 0 && r.address() != null && r.port() > 0
                && Addresses.unmapped(l.address()).getAddress().length == Addresses.unmapped(r.address()).getAddress().length;
    }
}
