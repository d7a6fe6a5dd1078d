package wstool.linux.mock;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import wstool.core.net.Addresses;

/**
 * Which of the program's traffic one fault applies to: remote addresses (one address, a host name resolved once at
 * start, or a CIDR), a remote port, a protocol, and the first N connections or a probability per packet. Every value
 * is parsed into numbers and address objects here, so what reaches the nft ruleset is never user text.
 *
 * <p>Text form (comma separated, any order): {@code 10.0.0.2}, {@code 10.0.0.2:443}, {@code [2001:db8::1]:443},
 * {@code 10.0.0.0/8}, {@code :53}, {@code example.org}, {@code tcp} / {@code udp}, {@code first=N}, {@code p=P%}.
 */
public record FaultScope(List<InetAddress> addresses, int prefix, int port, String protocol, int first, int percent) {
    private static final Pattern HOST_NAME = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9-]{1,63})*\\.?");
    public static final FaultScope ALL = new FaultScope(List.of(), -1, 0, null, 0, 0);

    public FaultScope {
        addresses = List.copyOf(addresses);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 1-65535, not " + port);
        if (protocol != null && !protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("protocol must be tcp or udp, not '" + protocol + "'");
        }
        if (first < 0 || first > 65535) throw new IllegalArgumentException("first=N must be 1-65535, not " + first);
        if (percent < 0 || percent > 100) throw new IllegalArgumentException("p=P% must be 1-100, not " + percent);
        if (first > 0 && percent > 0) throw new IllegalArgumentException("give first=N or p=P%, not both");
    }

    /** Parses the comma-separated scope text (empty: everything the program sends). */
    public static FaultScope parse(String text) {
        if (text == null || text.isBlank()) return ALL;
        List<InetAddress> addresses = new ArrayList<>();
        int prefix = -1, port = 0, first = 0, percent = 0;
        String protocol = null;
        for (String raw : text.split(",")) {
            String item = raw.trim().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) throw new IllegalArgumentException("empty item in fault scope '" + text + "'");
            if (item.equals("tcp") || item.equals("udp")) {
                if (protocol != null) throw new IllegalArgumentException("two protocols in fault scope '" + text + "'");
                protocol = item;
            } else if (item.startsWith("first=")) {
                first = number(item.substring(6), "first=N", text);
                if (first == 0) throw new IllegalArgumentException("first=N must be 1-65535 in '" + text + "'");
            } else if (item.startsWith("p=")) {
                String p = item.substring(2);
                percent = number(p.endsWith("%") ? p.substring(0, p.length() - 1) : p, "p=P%", text);
                if (percent == 0) throw new IllegalArgumentException("p=P% must be 1-100 in '" + text + "'");
            } else {
                if (!addresses.isEmpty() || port != 0) {
                    throw new IllegalArgumentException("one remote (host, host:port, CIDR or :port) per fault, in '" + text + "'");
                }
                Target t = target(item);
                addresses.addAll(t.addresses);
                prefix = t.prefix;
                port = t.port;
            }
        }
        return new FaultScope(addresses, prefix, port, protocol, first, percent);
    }

    /** This scope with the remote addresses of {@code host} when it has none of its own (the --host default). */
    public FaultScope withDefaultHost(List<InetAddress> host) {
        if (!addresses.isEmpty() || host.isEmpty()) return this;
        return new FaultScope(host, -1, port, protocol, first, percent);
    }

    public List<InetAddress> v4() { return addresses.stream().filter(a -> a instanceof Inet4Address).toList(); }

    public List<InetAddress> v6() { return addresses.stream().filter(a -> !(a instanceof Inet4Address)).toList(); }

    private record Target(List<InetAddress> addresses, int prefix, int port) {}

    private static Target target(String item) {
        if (item.startsWith(":")) return new Target(List.of(), -1, port(item.substring(1), item));
        int slash = item.indexOf('/');
        if (slash >= 0) {
            InetAddress net = Addresses.parse(item.substring(0, slash));
            int bits = number(item.substring(slash + 1), "CIDR prefix", item);
            int max = net instanceof Inet4Address ? 32 : 128;
            if (bits > max) throw new IllegalArgumentException("CIDR prefix must be 0-" + max + " in '" + item + "'");
            return new Target(List.of(network(net, bits)), bits, 0);
        }
        if (item.startsWith("[")) {
            int close = item.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("missing ']' in '" + item + "'");
            InetAddress a = Addresses.parse(item.substring(1, close));
            String rest = item.substring(close + 1);
            if (rest.isEmpty()) return new Target(List.of(a), -1, 0);
            if (!rest.startsWith(":")) throw new IllegalArgumentException("expected ]:PORT in '" + item + "'");
            return new Target(List.of(a), -1, port(rest.substring(1), item));
        }
        long colons = item.chars().filter(c -> c == ':').count();
        if (colons > 1) return new Target(List.of(Addresses.parse(item)), -1, 0);
        String host = item;
        int port = 0;
        if (colons == 1) {
            host = item.substring(0, item.indexOf(':'));
            port = port(item.substring(item.indexOf(':') + 1), item);
        }
        return new Target(resolve(host), -1, port);
    }

    /** An address literal, or the addresses a host name has now (looked up once, at start). */
    public static List<InetAddress> resolve(String host) {
        if (Addresses.isLiteral(host)) return List.of(Addresses.parse(host));
        if (!HOST_NAME.matcher(host).matches() || host.length() > 253) {
            throw new IllegalArgumentException("not an address, CIDR or host name: '" + host + "'");
        }
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host name '" + host + "' does not resolve");
        }
    }

    private static InetAddress network(InetAddress a, int bits) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        return Addresses.fromBytes(b);
    }

    private static int port(String text, String item) {
        int p = number(text, "port", item);
        if (p < 1 || p > 65535) throw new IllegalArgumentException("port must be 1-65535 in '" + item + "'");
        return p;
    }

    private static int number(String text, String what, String in) {
        if (!text.matches("\\d{1,6}")) throw new IllegalArgumentException(what + " must be a number in '" + in + "'");
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!addresses.isEmpty()) {
            String a = addresses.stream().map(InetAddress::getHostAddress).collect(java.util.stream.Collectors.joining("|"));
            parts.add(prefix >= 0 ? a + "/" + prefix : a);
        }
        if (port > 0) parts.add("port " + port);
        if (protocol != null) parts.add(protocol);
        if (first > 0) parts.add("first " + first);
        if (percent > 0) parts.add(percent + "%");
        return parts.isEmpty() ? "all traffic" : String.join(" ", parts);
    }
}
