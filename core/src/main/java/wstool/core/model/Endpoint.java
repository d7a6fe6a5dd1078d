package wstool.core.model;

import wstool.core.net.Addresses;
import java.net.Inet6Address;
import java.net.InetAddress;

/** An address and port; address may be null (unknown), port is -1 when unknown. */
public record Endpoint(InetAddress address, int port) {
    public static final Endpoint NONE = new Endpoint(null, -1);

    public Endpoint {
        if (port < -1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public static Endpoint of(InetAddress address, int port) {
        return address == null && port < 0 ? NONE : new Endpoint(address, port);
    }

    public boolean isIpv6() { return address instanceof Inet6Address; }

    public String addressText() { return address == null ? "" : Addresses.text(address); }

    /** "1.2.3.4:80", "[2001:db8::1]:443", "1.2.3.4" or "" as people write them. */
    @Override
    public String toString() {
        if (address == null) return port >= 0 ? "*:" + port : "";
        String a = Addresses.text(address);
        if (port < 0) return a;
        return isIpv6() ? "[" + a + "]:" + port : a + ":" + port;
    }
}
