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
 * Finds, for a firewall verdict, the socket event of the same connection closest in time: same protocol, same
 * remote address and port, the same local port and address where both events know them, at most {@code window}
 * before or after the verdict. A tie in distance goes to the socket event before the verdict (the call that caused
 * it), then to the one seen first. Because the match may come after the verdict, each verdict is held until the
 * stream has passed its time plus the window ({@link #release}).
 * <p>
 * Bounded: at most {@code cap} remote endpoints with {@link #PER_REMOTE} recent socket events each, and at most
 * {@code cap} verdicts held (beyond that the oldest is released at once, matched with what is there; counted).
 */
final class VerdictMatcher {
    static final int PER_REMOTE = 16;

    /** A socket event as far as matching needs it. */
    record Candidate(Instant at, long seq, int protocol, Endpoint local, long pid, String process, String user, Flow flow) {}

    /** A verdict whose window has passed, with its match (null: none). */
    record Released(FirewallEvent verdict, boolean alreadyEmitted, Candidate match) {}

    private record RemoteKey(InetAddress address, int port) {}

    private record Held(FirewallEvent verdict, boolean emitted) {}

    private final Duration window;
    private final int cap;
    private final BoundedMap<RemoteKey, ArrayDeque<Candidate>> recent;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long seq;
    private long forcedEarly;
    private long matched;
    private long unmatched;

    VerdictMatcher(Duration window, int cap) {
        this.window = window;
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
        ArrayDeque<Candidate> list = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant tooOld = h.timestamp().minus(window.multipliedBy(2));
        while (!list.isEmpty() && list.peekFirst().at().isBefore(tooOld)) list.pollFirst();
        if (list.size() >= PER_REMOTE) list.pollFirst();
        list.addLast(new Candidate(h.timestamp(), seq++, FlowTracker.protocolOf(s), h.local(), h.pid(), h.process(),
                h.user(), flow));
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
        ArrayDeque<Candidate> list = recent.get(new RemoteKey(Addresses.unmapped(h.remote().address()), h.remote().port()));
        if (list == null) return null;
        Candidate best = null;
        long bestDistance = Long.MAX_VALUE;
        long windowNanos = window.toNanos();
        for (Candidate c : list) {
            if (!compatible(c, h)) continue;
            long d = Duration.between(h.timestamp(), c.at()).toNanos();
            long distance = Math.abs(d);
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
        boolean cBefore = !c.at().isAfter(verdictAt);
        boolean bestBefore = !best.at().isAfter(verdictAt);
        if (cBefore != bestBefore) return cBefore;
        return c.seq() < best.seq();
    }

    private static boolean compatible(Candidate c, EventHeader v) {
        if (c.protocol() >= 0 && v.ipProtocol() >= 0 && c.protocol() != v.ipProtocol()) return false;
        Endpoint a = c.local();
        Endpoint b = v.local();
        if (a.port() > 0 && b.port() > 0 && a.port() != b.port()) return false;
        InetAddress x = a.address() == null ? null : Addresses.unmapped(a.address());
        InetAddress y = b.address() == null ? null : Addresses.unmapped(b.address());
        return x == null || y == null || x.isAnyLocalAddress() || y.isAnyLocalAddress() || x.equals(y);
    }
}
