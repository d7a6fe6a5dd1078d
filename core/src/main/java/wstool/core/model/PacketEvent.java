package wstool.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A captured packet (pktmon, NDIS-PacketCapture), or a packet a component dropped. The 5-tuple is in the header
 * (protocol, local and remote as seen from this host per {@link #direction}); a drop is also a DROP verdict
 * ({@link #kind()}), so filters, the view's drop counters and the verifier see it as they see a firewall drop.
 *
 * @param component the name of the component that saw the packet first (pktmon's component, e.g. the NIC), may be null
 * @param path every component the same packet crossed, in order (one entry unless merged, see the pktmon source)
 * @param packetGroup / packetNumber pktmon's PktGroupId and PktNumber (the same for every appearance), -1 when none
 * @param length bytes captured ({@link #frame()} length); {@code originalLength} the packet's length on the wire
 * @param tcpFlags the TCP flags byte, -1 when not TCP or not captured
 * @param dropReason the drop reason's name ("INET: transport endpoint was not found"), null unless a drop
 * @param dropReasonCode its number, -1 unless a drop
 * @param dropLocation where the component dropped it (pktmon's DropLocation, hex), null unless a drop
 * @param processMatched the PID/process came from a socket event with the same 5-tuple (never guessed)
 * @param linkType the pcap LINKTYPE of {@link #frame()} (1 Ethernet, 101 raw IP), -1 unknown
 * @param frame the captured bytes, from the link header on (shared, never modified)
 */
public record PacketEvent(EventHeader header, Direction direction, String component, List<String> path,
                          long packetGroup, int packetNumber, int length, int originalLength, int tcpFlags,
                          String dropReason, int dropReasonCode, String dropLocation, boolean processMatched,
                          int linkType, byte[] frame) implements NetEvent {
    private static final byte[] NONE = new byte[0];

    public PacketEvent {
        Objects.requireNonNull(header, "header");
        direction = direction == null ? Direction.UNKNOWN : direction;
        path = path == null ? List.of() : List.copyOf(path);
        frame = frame == null ? NONE : frame;
    }

    /** Records compare arrays by reference: a packet is equal to another with the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PacketEvent p && header.equals(p.header) && direction == p.direction
                && Objects.equals(component, p.component) && path.equals(p.path) && packetGroup == p.packetGroup
                && packetNumber == p.packetNumber && length == p.length && originalLength == p.originalLength
                && tcpFlags == p.tcpFlags && Objects.equals(dropReason, p.dropReason)
                && dropReasonCode == p.dropReasonCode && Objects.equals(dropLocation, p.dropLocation)
                && processMatched == p.processMatched && linkType == p.linkType && java.util.Arrays.equals(frame, p.frame);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, direction, component, path, packetGroup, packetNumber, length, originalLength,
                tcpFlags, dropReason, dropReasonCode, dropLocation, processMatched, linkType) * 31
                + java.util.Arrays.hashCode(frame);
    }

    @Override
    public String toString() {
        return "PacketEvent[" + header + ", " + direction + ", " + path + ", group " + packetGroup + "/" + packetNumber
                + ", " + length + "/" + originalLength + " B, " + (dropped() ? "drop " + dropReasonCode + " " + dropReason
                + " at " + dropLocation : "passed") + (processMatched ? ", matched" : "") + ", link " + linkType
                + ", " + java.util.HexFormat.of().formatHex(frame) + "]";
    }

    public boolean dropped() { return dropReasonCode >= 0 || dropReason != null; }

    @Override public String kind() { return dropped() ? "DROP" : "PACKET"; }
    @Override public EventClass eventClass() { return EventClass.PACKET; }

    @Override public PacketEvent withHeader(EventHeader h) {
        return new PacketEvent(h, direction, component, path, packetGroup, packetNumber, length, originalLength,
                tcpFlags, dropReason, dropReasonCode, dropLocation, processMatched, linkType, frame);
    }

    /** This packet with a process a socket event of the same 5-tuple names. */
    public PacketEvent withMatchedProcess(long pid, String process) {
        return new PacketEvent(header.withProcess(pid, process), direction, component, path, packetGroup, packetNumber,
                length, originalLength, tcpFlags, dropReason, dropReasonCode, dropLocation, true, linkType, frame);
    }

    /**
     * This packet having crossed one more component: the path grows; a drop there makes the packet a drop (the
     * first drop wins: a packet is dropped once).
     */
    public PacketEvent crossed(PacketEvent later) {
        List<String> p = new java.util.ArrayList<>(path);
        p.addAll(later.path);
        boolean takeDrop = !dropped() && later.dropped();
        return new PacketEvent(header, direction, component, p, packetGroup, packetNumber, length, originalLength,
                tcpFlags, takeDrop ? later.dropReason : dropReason, takeDrop ? later.dropReasonCode : dropReasonCode,
                takeDrop ? later.dropLocation : dropLocation, processMatched, linkType, frame);
    }
}
