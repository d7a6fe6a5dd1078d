package wstool.correlate;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import wstool.core.model.DnsEvent;
import wstool.core.model.EventHeader;
import wstool.core.net.Addresses;

/**
 * Address to the name that was asked for it, from the DNS answers seen: per process where the answer names one
 * (two programs may ask different names that share an address: a CDN), else machine-wide. An answer names its
 * addresses from its own time until {@code window} later; a later answer for the same address replaces it.
 * The name is the one queried, not a CNAME target in the answer. Bounded: least recently used entries go first.
 */
final class HostnameTable {
    private record Key(long pid, InetAddress address) {}

    private record Answer(String name, Instant at) {}

    private final BoundedMap<Key, Answer> answers;
    private final Duration window;

    HostnameTable(Duration window, int cap) {
        this.window = window;
        this.answers = new BoundedMap<>(cap);
    }

    /** Takes the addresses of a successful answer; other results (CNAMEs, text) are not addresses and are skipped. */
    void record(DnsEvent dns) {
        if (dns.status() != 0 || dns.queryName() == null || dns.queryName().isEmpty()) return;
        String name = stripDot(dns.queryName());
        Instant at = dns.header().timestamp();
        for (String r : dns.results()) {
            String text = r.trim();
            if (!Addresses.isLiteral(text)) continue;
            InetAddress a = Addresses.unmapped(Addresses.parse(text));
            Answer answer = new Answer(name, at);
            if (dns.header().attributed()) answers.put(new Key(dns.header().pid(), a), answer);
            answers.put(new Key(EventHeader.UNKNOWN_PID, a), answer);
        }
    }

    /** The name for the event's remote address at its time: its own process's answer first, then any. */
    String lookup(EventHeader h) {
        InetAddress a = h.remote().address();
        if (a == null) return null;
        a = Addresses.unmapped(a);
        if (h.attributed()) {
            String own = valid(answers.get(new Key(h.pid(), a)), h.timestamp());
            if (own != null) return own;
        }
        return valid(answers.get(new Key(EventHeader.UNKNOWN_PID, a)), h.timestamp());
    }

    private String valid(Answer answer, Instant t) {
        if (answer == null || t.isBefore(answer.at) || t.isAfter(answer.at.plus(window))) return null;
        return answer.name;
    }

    long evicted() { return answers.evicted(); }

    int size() { return answers.size(); }

    private static String stripDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
