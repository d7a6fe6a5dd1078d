package wstool.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.Source;
import wstool.core.net.CommunityId;

/**
 * One connection or UDP conversation, folded from its socket events and firewall verdicts. Mutable while open (the
 * tracker's only), read by the writers once it is finished.
 */
public final class Flow {
    /** Why the flow was written. */
    public enum EndReason {
        /** Its socket was closed. */
        CLOSED,
        /** Nothing happened on it for the idle timeout. */
        IDLE,
        /** Written early to keep the number of open flows within the limit. */
        EVICTED,
        /** The input ended (or the job was stopped) with the flow still open. */
        END_OF_INPUT
    }

    int protocol;
    Endpoint local = Endpoint.NONE;
    Endpoint remote = Endpoint.NONE;
    long pid = EventHeader.UNKNOWN_PID;
    String process;
    String user;
    boolean pidCorrelated;
    String host;
    final Instant start;
    Instant last;
    Direction initiator = Direction.UNKNOWN;
    long outBytes;
    long inBytes;
    long outPackets;
    long inPackets;
    /** The one source whose transfers are counted (AFD and Kernel-Network both report the same bytes). */
    Source bytesSource;
    Outcome outcome;
    String failureStatus;
    long blockedFilterId = -1;
    String blockedFilterName;
    String blockedRule;
    long verdicts;
    String hostname;
    Enrichment enrichment = Enrichment.NONE;
    final Set<Source> sources = EnumSet.noneOf(Source.class);
    EndReason endReason;
    boolean written;

    Flow(Instant start) {
        this.start = start;
        this.last = start;
    }

    void touch(Instant t) { if (t.isAfter(last)) last = t; }

    void outcome(Outcome o) { outcome = o.max(outcome); }

    /** Fills what is unknown of each endpoint from another view of the same connection. */
    void fillEndpoints(Endpoint l, Endpoint r) {
        local = merge(local, l);
        remote = merge(remote, r);
    }

    private static Endpoint merge(Endpoint mine, Endpoint other) {
        if (other == null || other == Endpoint.NONE) return mine;
        other = Endpoint.of(wstool.core.net.Addresses.unmapped(other.address()), other.port());
        boolean noAddress = mine.address() == null || mine.address().isAnyLocalAddress();
        return Endpoint.of(noAddress && other.address() != null ? other.address() : mine.address(),
                mine.port() <= 0 && other.port() > 0 ? other.port() : mine.port());
    }

    public Instant start() { return start; }
    public Instant end() { return last; }
    public Duration duration() { return Duration.between(start, last); }
    public long pid() { return pid; }
    public String process() { return process; }
    public String user() { return user; }
    public boolean pidCorrelated() { return pidCorrelated; }
    public String host() { return host; }
    public int protocol() { return protocol; }
    public Endpoint local() { return local; }
    public Endpoint remote() { return remote; }
    public Direction initiator() { return initiator; }
    public long outBytes() { return outBytes; }
    public long inBytes() { return inBytes; }
    public long outPackets() { return outPackets; }
    public long inPackets() { return inPackets; }
    public long verdicts() { return verdicts; }
    /** The outcome; a flow that only ever saw a verdict that allowed it, or only data, is established. */
    public Outcome outcome() {
        if (outcome != null) return outcome;
        return outBytes + inBytes > 0 || verdicts > 0 ? Outcome.ESTABLISHED : Outcome.ATTEMPTED;
    }
    public String failureStatus() { return failureStatus; }
    public long blockedFilterId() { return blockedFilterId; }
    public String blockedFilterName() { return blockedFilterName; }
    public String blockedRule() { return blockedRule; }
    public String hostname() { return hostname; }
    public Enrichment enrichment() { return enrichment; }
    public Set<Source> sources() { return sources; }
    public EndReason endReason() { return endReason; }

    /** Community ID v1 of the 5-tuple, null when a port is unknown or the protocol has none here. */
    public String communityId() {
        return CommunityId.of(protocol, local.address(), local.port(), remote.address(), remote.port());
    }
}
