package wstool.linux.nflog;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.Source;

/**
 * Turns an {@link NflogPacket} into a core {@link FirewallEvent}.
 * <ul>
 * <li>type: the prefix says the verdict ("drop"/"reject"/"deny"/"block" → DROP, "accept"/"allow" → ALLOW, as the
 *     rules {@code --install-rule} adds and as people write them); otherwise LOG.</li>
 * <li>direction: PREROUTING/INPUT/ingress → IN (remote = source), OUTPUT/POSTROUTING of local packets → OUT (remote =
 *     destination). Forwarded packets (FORWARD, or POSTROUTING with an input interface) have no local end: the remote
 *     is the party outside private/loopback space (IN when it is the source, OUT when the destination), else the
 *     source with direction UNKNOWN; both interfaces are in raw.</li>
 * <li>user: the socket owner uid (present for locally generated packets) → name.</li>
 * </ul>
 */
final class NflogEventMapper {
    private final IntFunction<String> interfaceNames;
    private final LongFunction<String> userNames;

    /**
     * @param interfaceNames ifindex → name (null when unknown)
     * @param userNames uid → user name (null when unknown)
     */
    public NflogEventMapper(IntFunction<String> interfaceNames, LongFunction<String> userNames) {
        this.interfaceNames = interfaceNames;
        this.userNames = userNames;
    }

    public FirewallEvent map(NflogPacket p, Instant receivedAt) {
        PacketHeaders h = PacketHeaders.decode(p.payload());
        String in = p.inIfindex() > 0 ? nameOr(interfaceNames.apply(p.inIfindex()), p.inIfindex()) : "";
        String out = p.outIfindex() > 0 ? nameOr(interfaceNames.apply(p.outIfindex()), p.outIfindex()) : "";
        Direction dir;
        boolean remoteIsSource;
        boolean forwarded = p.hook() == Nflog.NF_INET_FORWARD
                || (p.hook() == Nflog.NF_INET_POST_ROUTING && p.inIfindex() > 0);
        if (forwarded) {
            boolean srcOutside = isOutside(h.src());
            boolean dstOutside = isOutside(h.dst());
            if (srcOutside && !dstOutside) { dir = Direction.IN; remoteIsSource = true; }
            else if (dstOutside && !srcOutside) { dir = Direction.OUT; remoteIsSource = false; }
            else { dir = Direction.UNKNOWN; remoteIsSource = true; }
        } else if (p.hook() == Nflog.NF_INET_LOCAL_OUT || p.hook() == Nflog.NF_INET_POST_ROUTING) {
            dir = Direction.OUT;
            remoteIsSource = false;
        } else if (p.hook() == Nflog.NF_INET_PRE_ROUTING || p.hook() == Nflog.NF_INET_LOCAL_IN
                || p.hook() == Nflog.NF_INET_INGRESS) {
            dir = Direction.IN;
            remoteIsSource = true;
        } else {
            dir = Direction.UNKNOWN;
            remoteIsSource = true;
        }
        Endpoint srcEp = Endpoint.of(h.src(), h.srcPort());
        Endpoint dstEp = Endpoint.of(h.dst(), h.dstPort());
        Endpoint local = remoteIsSource ? dstEp : srcEp;
        Endpoint remote = remoteIsSource ? srcEp : dstEp;

        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("group", Integer.toString(p.group()));
        raw.put("hook", Nflog.hookName(p.hook()));
        raw.put("family", familyName(p.family()));
        if (!in.isEmpty()) raw.put("in", in);
        if (!out.isEmpty()) raw.put("out", out);
        if (p.mark() != 0) raw.put("mark", "0x" + Long.toHexString(p.mark()));
        if (p.uid() >= 0) raw.put("uid", Long.toString(p.uid()));
        if (p.gid() >= 0) raw.put("gid", Long.toString(p.gid()));
        if (p.seq() >= 0) raw.put("seq", Long.toString(p.seq()));
        if (h.length() >= 0) raw.put("length", Integer.toString(h.length()));
        if (h.ttl() >= 0) raw.put(h.ipVersion() == 6 ? "hoplimit" : "ttl", Integer.toString(h.ttl()));
        if (!h.tcpFlags().isEmpty()) raw.put("tcpFlags", h.tcpFlags());
        if (h.icmpType() >= 0) {
            raw.put("icmpType", Integer.toString(h.icmpType()));
            raw.put("icmpCode", Integer.toString(h.icmpCode()));
        }
        if (h.fragment()) raw.put("fragment", "true");
        if (h.problem() != null) raw.put("decodeProblem", h.problem());

        String user = p.uid() >= 0 ? nameOr(userNames.apply(p.uid()), p.uid()) : null;
        Instant ts = p.timestamp() != null ? p.timestamp() : receivedAt;
        EventHeader header = new EventHeader(ts, Source.NFLOG, EventHeader.UNKNOWN_PID, null, user, h.protocol(),
                local, remote, raw, null);
        return new FirewallEvent(header, typeFromPrefix(p.prefix()), dir, -1, null, p.hook(),
                Nflog.hookName(p.hook()), p.prefix());
    }

    /** The verdict the rule's log prefix states. */
    public static FirewallEventType typeFromPrefix(String prefix) {
        String s = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        if (s.contains("drop") || s.contains("reject") || s.contains("deny") || s.contains("block")) {
            return FirewallEventType.CLASSIFY_DROP;
        }
        if (s.contains("accept") || s.contains("allow")) return FirewallEventType.CLASSIFY_ALLOW;
        return FirewallEventType.LOGGED;
    }

    private static boolean isOutside(InetAddress a) {
        if (a == null) return false;
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
            if (b0 == 100 && b1 >= 64 && b1 < 128) return false; // CGNAT 100.64/10
            if (b0 == 198 && (b1 == 18 || b1 == 19)) return false; // benchmarking 198.18/15
            return true;
        }
        return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
    }

    private static String familyName(int f) {
        return switch (f) {
            case Nflog.AF_INET -> "ipv4";
            case Nflog.AF_INET6 -> "ipv6";
            case Nflog.AF_BRIDGE -> "bridge";
            default -> Integer.toString(f);
        };
    }

    private static String nameOr(String name, long number) { return name != null ? name : Long.toString(number); }
}
