package wstool.siem.syslog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** {@code udp://host:port}, {@code tcp://host:port} or {@code tls://host:port} (default ports 514, 514, 6514). */
public record SyslogUrl(Transport transport, String host, int port) {
    public enum Transport { UDP, TCP, TLS }

    /** @throws IllegalArgumentException one sentence naming the URL and what is wrong with it */
    public static SyslogUrl parse(String text) {
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("syslog URL '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        Transport t = switch (scheme) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            default -> throw new IllegalArgumentException("syslog URL '" + text + "' must start with udp://, tcp:// or tls://");
        };
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new IllegalArgumentException("syslog URL '" + text + "' names no host");
        }
        if (u.getPath() != null && !u.getPath().isEmpty() || u.getQuery() != null) {
            throw new IllegalArgumentException("syslog URL '" + text + "' may only have a host and a port");
        }
        int port = u.getPort() >= 0 ? u.getPort() : t == Transport.TLS ? 6514 : 514;
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        return new SyslogUrl(t, host, port);
    }

    @Override
    public String toString() {
        return transport.name().toLowerCase(Locale.ROOT) + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
