package wstool.tui;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import wstool.core.model.DnsEvent;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.NetEvent;
import wstool.core.net.Cidr;
import wstool.core.net.IpProtocols;

/**
 * The filter typed after {@code /}: space-separated terms, e.g. {@code proto:tcp country:CN dir:in drop}.
 * Terms with different keys must all match; repeating a key means any of its values ({@code drop allow}).
 * <ul>
 * <li>{@code proto:P} tcp, udp, icmp, icmpv6 or a number; {@code dir:in|out}; {@code country:CC};
 * {@code asn:N}; {@code pid:N}; {@code port:N} (local or remote); {@code ip:ADDR[/LEN]} (local or remote);
 * {@code process:TEXT} (part of the name); {@code kind:K} (DROP, CONNECT, DNS, ...)</li>
 * <li>bare words: an event kind ({@code drop}, {@code allow}, {@code connect}, {@code dns}, ...), {@code listed}
 * (remote on Spamhaus DROP), or any other text, matched case-insensitively against process, addresses,
 * country, city, AS organisation, DNS name and filter name</li>
 * </ul>
 */
final class ViewFilter implements Predicate<NetEvent> {
    public static final ViewFilter ALL = new ViewFilter("", List.of());

    static final Set<String> KINDS = Set.of("drop", "allow", "cap_drop", "cap_allow", "drop_mac", "ipsec_drop",
            "dosp_drop", "log", "create", "bind", "listen", "connect", "accept", "send", "recv", "sendto", "recvfrom",
            "disconnect", "retransmit", "reconnect", "shutdown", "close", "cleanup", "abort", "datagram_drop", "dns",
            "raw");
    private static final List<String> KEYS = List.of("proto", "dir", "country", "asn", "pid", "port", "ip", "process", "kind");

    private final String text;
    private final List<Predicate<NetEvent>> groups;

    private ViewFilter(String text, List<Predicate<NetEvent>> groups) {
        this.text = text;
        this.groups = groups;
    }

    /** The expression as typed ("" for none). */
    public String text() { return text; }

    public boolean isAll() { return groups.isEmpty(); }

    @Override
    public boolean test(NetEvent e) {
        for (Predicate<NetEvent> g : groups) if (!g.test(e)) return false;
        return true;
    }

    /** @throws IllegalArgumentException with a message naming the bad term and why */
    public static ViewFilter parse(String expression) {
        String text = expression == null ? "" : expression.trim();
        if (text.isEmpty()) return ALL;
        Map<String, List<Predicate<NetEvent>>> byKey = new LinkedHashMap<>();
        for (String term : text.split("\\s+")) {
            int colon = term.indexOf(':');
            String key;
            Predicate<NetEvent> p;
            if (colon < 0) {
                String w = term.toLowerCase(Locale.ROOT);
                if (KINDS.contains(w)) {
                    key = "kind";
                    p = kind(w);
                } else if (w.equals("listed")) {
                    key = "listed";
                    p = e -> e.header().enrichment().dropId() != null;
                } else {
                    key = "text:" + w;
                    p = contains(w);
                }
            } else {
                key = term.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = term.substring(colon + 1);
                if (value.isEmpty()) throw new IllegalArgumentException("'" + term + "' needs a value after the colon");
                p = keyed(key, value, term);
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<Predicate<NetEvent>> groups = new ArrayList<>();
        for (List<Predicate<NetEvent>> alternatives : byKey.values()) {
            groups.add(alternatives.size() == 1 ? alternatives.get(0)
                    : e -> { for (Predicate<NetEvent> a : alternatives) if (a.test(e)) return true; return false; });
        }
        return new ViewFilter(text, List.copyOf(groups));
    }

    private static Predicate<NetEvent> keyed(String key, String value, String term) {
        String v = value.toLowerCase(Locale.ROOT);
        switch (key) {
            case "proto": {
                int proto;
                try {
                    proto = IpProtocols.parse(value);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("'" + term + "': unknown protocol (tcp, udp, icmp, icmpv6 or a number)");
                }
                return e -> e.header().ipProtocol() == proto;
            }
            case "dir":
                if (!v.equals("in") && !v.equals("out")) throw new IllegalArgumentException("'" + term + "': direction is in or out");
                String dir = v.toUpperCase(Locale.ROOT);
                return e -> e.direction().name().equals(dir);
            case "country":
                if (!v.matches("[a-z]{2}")) throw new IllegalArgumentException("'" + term + "': country is a two-letter code such as CN");
                return e -> v.equalsIgnoreCase(e.header().enrichment().countryCode());
            case "asn": {
                long asn = number(v.startsWith("as") ? v.substring(2) : v, term, "an AS number");
                return e -> e.header().enrichment().asn() != null && e.header().enrichment().asn() == asn;
            }
            case "pid": {
                long pid = number(v, term, "a process id");
                return e -> e.header().pid() == pid;
            }
            case "port": {
                long port = number(v, term, "a port (0-65535)");
                if (port > 65535) throw new IllegalArgumentException("'" + term + "': port must be 0-65535");
                return e -> e.header().local().port() == port || e.header().remote().port() == port;
            }
            case "ip": {
                Cidr cidr;
                try {
                    cidr = Cidr.parse(value);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("'" + term + "': not an address or CIDR (" + ex.getMessage() + ")");
                }
                return e -> in(cidr, e.header().local().address()) || in(cidr, e.header().remote().address());
            }
            case "process":
                return e -> e.header().process() != null && e.header().process().toLowerCase(Locale.ROOT).contains(v);
            case "kind":
                if (!KINDS.contains(v)) throw new IllegalArgumentException("'" + term + "': unknown kind (drop, allow, connect, send, dns, ...)");
                return kind(v);
            default:
                throw new IllegalArgumentException("unknown filter key '" + key + "' in '" + term + "' (keys: " + String.join(", ", KEYS) + ")");
        }
    }

    private static Predicate<NetEvent> kind(String lower) {
        String k = lower.toUpperCase(Locale.ROOT);
        return e -> e.kind().equals(k);
    }

    private static boolean in(Cidr c, InetAddress a) { return a != null && c.contains(a); }

    private static long number(String v, String term, String what) {
        try {
            long n = Long.parseLong(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + term + "': expected " + what);
        }
    }

    private static Predicate<NetEvent> contains(String w) {
        return e -> {
            EventHeader h = e.header();
            Enrichment en = h.enrichment();
            return has(h.process(), w) || has(h.local().addressText(), w) || has(h.remote().addressText(), w)
                    || has(en.countryCode(), w) || has(en.countryName(), w) || has(en.city(), w) || has(en.asOrg(), w)
                    || has(en.dropId(), w)
                    || (e instanceof DnsEvent d && has(d.queryName(), w))
                    || (e instanceof FirewallEvent f && (has(f.filterName(), w) || has(f.layerName(), w) || has(f.rule(), w)));
        };
    }

    private static boolean has(String s, String lowerNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
