package wstool.core.filter;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import wstool.core.model.Direction;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.net.Addresses;
import wstool.core.net.Cidr;
import wstool.core.net.IpProtocols;

/**
 * The filters every event command shares: --pid, -4/-6, --exclude, --type, --proto, --direction.
 * An empty criterion matches everything. Events that carry no address at all (e.g. some DNS events) are not removed
 * by -4/-6.
 */
public final class EventFilter implements Predicate<NetEvent> {
    private final Set<Long> pids;
    private final int ipVersion;
    private final Set<String> excludedPrograms;
    private final Set<String> programs;
    private final List<Cidr> excludedNetworks;
    private final Set<String> types;
    private final Set<Integer> protocols;
    private final Direction direction;

    private EventFilter(Builder b) {
        this.pids = Set.copyOf(b.pids);
        this.ipVersion = b.ipVersion;
        this.excludedPrograms = Set.copyOf(b.excludedPrograms);
        this.programs = Set.copyOf(b.programs);
        this.excludedNetworks = List.copyOf(b.excludedNetworks);
        this.types = Set.copyOf(b.types);
        this.protocols = Set.copyOf(b.protocols);
        this.direction = b.direction;
    }

    /** Every name a type filter accepts: event kinds, classes and firewall event types, lower case, sorted. */
    public static final java.util.SortedSet<String> TYPES = knownTypes();

    private static java.util.SortedSet<String> knownTypes() {
        java.util.SortedSet<String> s = new java.util.TreeSet<>();
        for (wstool.core.model.EventClass c : wstool.core.model.EventClass.values()) s.add(c.name().toLowerCase(Locale.ROOT));
        for (wstool.core.model.SocketOp o : wstool.core.model.SocketOp.values()) s.add(o.name().toLowerCase(Locale.ROOT));
        for (FirewallEventType t : FirewallEventType.values()) {
            s.add(t.name().toLowerCase(Locale.ROOT));
            s.add(t.label().toLowerCase(Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSortedSet(s);
    }

    public static Builder builder() { return new Builder(); }

    public static EventFilter all() { return builder().build(); }

    @Override
    public boolean test(NetEvent e) {
        EventHeader h = e.header();
        if (!pids.isEmpty() && !pids.contains(h.pid())) return false;
        if (ipVersion != 0 && !matchesVersion(h)) return false;
        if (!protocols.isEmpty() && !protocols.contains(h.ipProtocol())) return false;
        if (direction != null && e.direction() != direction) return false;
        if (!types.isEmpty() && !matchesType(e)) return false;
        if (!excludedPrograms.isEmpty() && isProgram(h, excludedPrograms)) return false;
        if (!programs.isEmpty() && !isProgram(h, programs)) return false;
        return excludedNetworks.isEmpty() || !(isExcludedAddress(h.remote().address()) || isExcludedAddress(h.local().address()));
    }

    private boolean matchesVersion(EventHeader h) {
        InetAddress a = h.remote().address() != null ? h.remote().address() : h.local().address();
        if (a == null) return true;
        boolean v6 = Addresses.unmapped(a) instanceof Inet6Address;
        return ipVersion == 6 ? v6 : !v6;
    }

    private boolean matchesType(NetEvent e) {
        if (types.contains(e.kind().toLowerCase(Locale.ROOT))) return true;
        if (types.contains(e.eventClass().name().toLowerCase(Locale.ROOT))) return true;
        return e instanceof FirewallEvent f && types.contains(f.type().name().toLowerCase(Locale.ROOT));
    }

    private static boolean isProgram(EventHeader h, Set<String> names) {
        String name = h.processName();
        return name != null && (names.contains(name.toLowerCase(Locale.ROOT))
                || names.contains(h.process().toLowerCase(Locale.ROOT)));
    }

    private boolean isExcludedAddress(InetAddress a) {
        if (a == null) return false;
        for (Cidr c : excludedNetworks) if (c.contains(a)) return true;
        return false;
    }

    /** Collects the criteria; the add methods validate their input and name what is wrong. */
    public static final class Builder {
        private final Set<Long> pids = new HashSet<>();
        private int ipVersion;
        private final Set<String> excludedPrograms = new HashSet<>();
        private final Set<String> programs = new HashSet<>();
        private final List<Cidr> excludedNetworks = new ArrayList<>();
        private final Set<String> types = new HashSet<>();
        private final Set<Integer> protocols = new HashSet<>();
        private Direction direction;

        public Builder pid(long pid) { pids.add(pid); return this; }

        /** 4, 6 or 0 for both. */
        public Builder ipVersion(int v) {
            if (v != 0 && v != 4 && v != 6) throw new IllegalArgumentException("IP version must be 4 or 6");
            ipVersion = v;
            return this;
        }

        /** An address or CIDR excludes traffic to/from it; anything else is a program name or path. */
        public Builder exclude(String what) {
            String w = what.trim();
            if (w.isEmpty()) return this;
            String addressPart = w.contains("/") ? w.substring(0, w.indexOf('/')) : w;
            if (Addresses.isLiteral(addressPart)) excludedNetworks.add(Cidr.parse(w));
            else excludedPrograms.add(w.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Only events of this program (file name or full path, any case); repeatable. */
        public Builder program(String nameOrPath) {
            String w = nameOrPath.trim();
            if (!w.isEmpty()) programs.add(w.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * A kind (drop, connect, dns…), a class (firewall, socket, dns, raw) or a firewall type (classify_drop…).
         *
         * @throws IllegalArgumentException for a name that is none of {@link #TYPES}, listing them
         */
        public Builder type(String type) {
            String t = type.trim().toLowerCase(Locale.ROOT);
            if (!TYPES.contains(t)) {
                throw new IllegalArgumentException("unknown event type '" + type + "' (use " + String.join(", ", TYPES) + ")");
            }
            types.add(t);
            return this;
        }

        public Builder protocol(String proto) { protocols.add(IpProtocols.parse(proto)); return this; }

        public Builder direction(String dir) {
            Direction d = Direction.parse(dir);
            if (d == Direction.UNKNOWN) throw new IllegalArgumentException("direction must be 'in' or 'out', not '" + dir + "'");
            direction = d;
            return this;
        }

        public EventFilter build() { return new EventFilter(this); }
    }
}
