package wstool.correlate;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.SocketEvent;
import wstool.core.net.Addresses;

/**
 * Finds, for a firewall verdict, the socket events of the same connection closest in time: same protocol, same
 * remote address and port, the same local port and address where both events know them, at most {@code window}
 * before or after the verdict. The socket events of one connection (one process, local endpoint and protocol) are
 * kept as one candidate with the times of its first and last event; its distance to a verdict is 0 inside that
 * span. A tie in distance goes to the connection whose events began before the verdict (the call that caused it),
 * then to the one seen first. Because the match may come after the verdict, each verdict is held until the stream
 * has passed its time plus the window ({@link #release}).
 * <p>
 * Bounded: at most {@code cap} remote endpoints with {@link #PER_REMOTE} connections each, and at most {@code cap}
 * verdicts held (beyond that the oldest is released at once, matched with what is there; counted).
 */
final class VerdictMatcher {
    static final int PER_REMOTE = 64;

    /** The socket events of one connection as far as matching needs them. */
    static final class Candidate {
        final long seq;
        final int protocol;
        final Endpoint local;
        final long pid;
        final String process;
        final String user;
        final Instant first;
        Instant last;
        Flow flow;

        Candidate(long seq, int protocol, Endpoint local, long pid, String process, String user, Instant at, Flow flow) {
            this.seq = seq;
            this.protocol = protocol;
            this.local = local;
            this.pid = pid;
            this.process = process;
            this.user = user;
            this.first = at;
            this.last = at;
            this.flow = flow;
        }

        long pid() { return pid; }
        String process() { return process; }
        String user() { return user; }
        Flow flow() { return flow; }

        /** Nanoseconds from the verdict to the nearest of this connection's events; 0 inside their span. */
        long distance(Instant t) {
            if (t.isBefore(first)) return Duration.between(t, first).toNanos();
            if (t.isAfter(last)) return Duration.between(last, t).toNanos();
            return 0;
        }
    }

    private record ConnectionKey(long pid, Endpoint local, int protocol) {}

    /** A verdict whose window has passed, with its match (null: none). */
    record Released(FirewallEvent verdict, boolean alreadyEmitted, Candidate match) {}

    private record RemoteKey(InetAddress address, int port) {}

    private record Held(FirewallEvent verdict, boolean emitted) {}

    private final Duration window;
    /** How long a candidate is kept: two windows (computed once: Duration arithmetic goes through BigDecimal). */
    private final Duration keep;
    private final int cap;
    private final BoundedMap<RemoteKey, java.util.LinkedHashMap<ConnectionKey, Candidate>> recent;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long seq;
    private long forcedEarly;
    private long matched;
    private long unmatched;

    VerdictMatcher(Duration window, int cap) {
        this.window = window;
        this.keep = window.multipliedBy(2);
        this.cap = cap;
        this.recent = new BoundedMap<>(cap);
    }

    long forcedEarly() { return forcedEarly; }

    long matched() { return matched; }

    long unmatched() { return unmatched; }

    /** Remembers a socket event of a known process and remote endpoint as a candidate. */
    void remember(SocketEvent s, Flow flow) {
        EventHeader h = s.header();
        if (!h.attributed() || h.remote().address() == null || h.remote().port() < 0) return;
        RemoteKey key = new RemoteKey(Addresses.unmapped(h.remote().address()), h.remote().port());
        java.util.LinkedHashMap<ConnectionKey, Candidate> conns = recent.computeIfAbsent(key, k -> new java.util.LinkedHashMap<>());
        Instant tooOld = h.timestamp().minus(keep);
        conns.values().removeIf(c -> c.last.isBefore(tooOld));
        int protocol = FlowTracker.protocolOf(s);
        ConnectionKey ck = new ConnectionKey(h.pid(), h.local(), protocol);
        Candidate c = conns.get(ck);
        if (c == null) {
            if (conns.size() >= PER_REMOTE) conns.remove(conns.keySet().iterator().next());
            conns.put(ck, new Candidate(seq++, protocol, h.local(), h.pid(), h.process(), h.user(), h.timestamp(), flow));
        } else {
            if (h.timestamp().isAfter(c.last)) c.last = h.timestamp();
            if (flow != null) c.flow = flow;
        }
    }

    /**
     * Holds a verdict until its window has passed. {@code emitted}: the caller has already passed it on (it had a
     * pid of its own) and wants the match only for its flow.
     *
     * @return a verdict released early because the table is full, or null
     */
    Released hold(FirewallEvent v, boolean emitted) {
        held.addLast(new Held(v, emitted));
        if (held.size() <= cap) return null;
        forcedEarly++;
        return resolve(held.pollFirst());
    }

    /** The held verdicts whose window has passed by {@code now}, oldest first. */
    List<Released> release(Instant now) {
        List<Released> out = new ArrayList<>();
        while (!held.isEmpty() && !held.peekFirst().verdict().header().timestamp().plus(window).isAfter(now)) {
            out.add(resolve(held.pollFirst()));
        }
        return out;
    }

    /** Every held verdict (the input has ended). */
    List<Released> releaseAll() {
        List<Released> out = new ArrayList<>();
        while (!held.isEmpty()) out.add(resolve(held.pollFirst()));
        return out;
    }

    private Released resolve(Held h) {
        Candidate c = match(h.verdict());
        if (c != null) matched++;
        else unmatched++;
        return new Released(h.verdict(), h.emitted(), c);
    }

    Candidate match(FirewallEvent v) {
        EventHeader h = v.header();
        if (h.remote().address() == null || h.remote().port() < 0) return null;
        java.util.LinkedHashMap<ConnectionKey, Candidate> conns = recent.get(new RemoteKey(Addresses.unmapped(h.remote().address()), h.remote().port()));
        if (conns == null) return null;
        Candidate best = null;
        long bestDistance = Long.MAX_VALUE;
        long windowNanos = window.toNanos();
        for (Candidate c : conns.values()) {
            if (!compatible(c, h)) continue;
            long distance = c.distance(h.timestamp());
            if (distance > windowNanos) continue;
            if (best == null || distance < bestDistance || distance == bestDistance && better(c, best, h.timestamp())) {
                best = c;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** At the same distance: the one before the verdict, then the one seen first. */
    private static boolean better(Candidate c, Candidate best, Instant verdictAt) {
        boolean cBefore = !c.first.isAfter(verdictAt);
        boolean bestBefore = !best.first.isAfter(verdictAt);
        if (cBefore != bestBefore) return cBefore;
        return c.seq < best.seq;
    }

    private static boolean compatible(Candidate c, EventHeader v) {
        if (c.protocol >= 0 && v.ipProtocol() >= 0 && c.protocol != v.ipProtocol()) return false;
        Endpoint a = c.local;
        Endpoint b = v.local();
        if (a.port() > 0 && b.port() > 0 && a.port() != b.port()) return false;
        InetAddress x = a.address() == null ? null : Addresses.unmapped(a.address());
        InetAddress y = b.address() == null ? null : Addresses.unmapped(b.address());
        return x == null || y == null || x.isAnyLocalAddress() || y.isAnyLocalAddress() || x.equals(y);
    }
}
