package wstool.core.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import wstool.core.model.Endpoint;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.Addresses;
import wstool.core.pipeline.Emitter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a packet the process of the socket with the same 5-tuple that is open at that moment, learnt from the socket
 * events of the same stream (AFD, Kernel-Network, the kernel logger's TcpIp/UdpIp): a socket event with both
 * endpoints and a PID opens the tuple for that process, a close or cleanup of its endpoint (or of the tuple) ends it.
 * A matched packet says so ({@link PacketEvent#processMatched()}); no match, no process: nothing is guessed. Events
 * pass on unchanged otherwise, in order. One thread; at most {@link #MAX_TUPLES} tuples are remembered (oldest
 * forgotten first).
 */
public final class PacketProcesses implements Emitter {
    public static final int MAX_TUPLES = 1 << 16;

    private record Owner(long pid, String process, int protocol, long endpoint) {}

    /**
     * Both endpoints, IPv4-mapped addresses as IPv4. InetAddress equality ignores an IPv6 scope, so the scope ids are
     * part of the key: fe80::1%5 and fe80::1%7 are on different links.
     */
    private record Tuple(InetAddress local, int localPort, int localScope, InetAddress remote, int remotePort, int remoteScope) {
        static Tuple of(Endpoint local, Endpoint remote) {
            InetAddress l = Addresses.unmapped(local.address());
            InetAddress r = Addresses.unmapped(remote.address());
            return new Tuple(l, local.port(), scope(l), r, remote.port(), scope(r));
        }

        private static int scope(InetAddress a) { return a instanceof Inet6Address v6 ? v6.getScopeId() : 0; }
    }

    private final Emitter next;
    private final Map<Tuple, Owner> tuples = new LinkedHashMap<>(256, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<Tuple, Owner> eldest) { return size() > MAX_TUPLES; }
    };
    private final Map<Long, List<Tuple>> byEndpoint = new HashMap<>();
    private long matched;

    public PacketProcesses(Emitter next) { this.next = next; }

    @Override
    public boolean emit(NetEvent e) {
        if (e instanceof SocketEvent s) learn(s);
        else if (e instanceof PacketEvent p && !p.header().attributed()) {
            Owner o = tuples.get(key(p.header().local(), p.header().remote()));
            if (o != null && (o.protocol < 0 || o.protocol == p.header().ipProtocol())) {
                matched++;
                return next.emit(p.withMatchedProcess(o.pid, o.process));
            }
        }
        return next.emit(e);
    }

    @Override public boolean hasRoom() { return next.hasRoom(); }

    /** Packets given a process so far. */
    public long matched() { return matched; }

    private void learn(SocketEvent s) {
        Endpoint l = s.header().local(), r = s.header().remote();
        boolean tuple = l.address() != null && r.address() != null && l.port() >= 0 && r.port() >= 0;
        long endpoint = s.endpointId() == -1 || s.endpointId() == 0 ? Long.MIN_VALUE
                : s.endpointId() * 31 + s.header().pid();
        if (s.op().endsEndpoint()) {
            if (tuple) tuples.remove(key(l, r));
            List<Tuple> keys = byEndpoint.remove(endpoint);
            if (keys != null) keys.forEach(tuples::remove);
            return;
        }
        if (!tuple || !s.header().attributed() || s.failed()) return;
        Tuple k = key(l, r);
        tuples.put(k, new Owner(s.header().pid(), s.header().process(), s.header().ipProtocol(), endpoint));
        if (endpoint != Long.MIN_VALUE) {
            if (byEndpoint.size() >= MAX_TUPLES) byEndpoint.clear(); // bounded: such tuples end only by eviction
            List<Tuple> keys = byEndpoint.computeIfAbsent(endpoint, x -> new ArrayList<>(2));
            if (!keys.contains(k)) keys.add(k);
        }
    }

    private static Tuple key(Endpoint local, Endpoint remote) {
        return local.address() == null || remote.address() == null ? NO_TUPLE : Tuple.of(local, remote);
    }

    /** The key of a packet or socket without both addresses (it matches only another such). */
    private static final Tuple NO_TUPLE = new Tuple(null, -1, 0, null, -1, 0);
}
