package wstool.core.packet;

import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.pipeline.Emitter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes one packet of the appearances of one packet as it crosses components (pktmon logs the same packet group and
 * number once per component and edge): the first appearance is kept, later ones extend its
 * {@link PacketEvent#path()} (and a drop on the way makes it a drop). Events wait here at most {@link #WINDOW} of
 * capture time (appearances of one packet are microseconds apart) and leave in the order they came, other events
 * included. {@link #flush()} at the end of the source. One thread.
 */
public final class PacketPaths implements Emitter {
    /** How long a packet waits for more appearances, in capture time. */
    public static final Duration WINDOW = Duration.ofMillis(100);
    private static final int MAX_WAITING = 4096;

    private final Emitter next;
    private final ArrayDeque<Object[]> queue = new ArrayDeque<>(); // {event, key or null}
    private final Map<Long, Object[]> waiting = new HashMap<>();
    private boolean open = true;

    public PacketPaths(Emitter next) { this.next = next; }

    @Override
    public boolean emit(NetEvent e) {
        Instant t = e.header().timestamp();
        if (e instanceof PacketEvent p && p.packetGroup() >= 0) {
            long key = p.packetGroup() * 65_537 + p.packetNumber();
            Object[] slot = waiting.get(key);
            if (slot != null) {
                slot[0] = ((PacketEvent) slot[0]).crossed(p);
                return open;
            }
            slot = new Object[]{p, key};
            waiting.put(key, slot);
            queue.add(slot);
        } else if (queue.isEmpty()) {
            return open = open && next.emit(e);
        } else {
            queue.add(new Object[]{e, null});
        }
        while (open && !queue.isEmpty() && (queue.size() > MAX_WAITING
                || ((NetEvent) queue.peek()[0]).header().timestamp().plus(WINDOW).isBefore(t))) {
            release();
        }
        return open;
    }

    @Override public boolean hasRoom() { return next.hasRoom(); }

    /** Hands on everything still waiting; false when the next stage wants no more. */
    public boolean flush() {
        while (open && !queue.isEmpty()) release();
        return open;
    }

    private void release() {
        Object[] slot = queue.poll();
        if (slot[1] != null) waiting.remove((Long) slot[1]);
        open = next.emit((NetEvent) slot[0]);
    }
}
