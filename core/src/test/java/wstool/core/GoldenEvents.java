package wstool.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.GeoLocation;
import wstool.core.model.SpecialRange;
import wstool.core.model.Correlation;
import wstool.core.model.Enrichment;
import wstool.core.model.PidSource;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;

/**
 * The fixed events behind the golden export files (core/src/test/resources/golden/): every event class, every
 * firewall event type, every socket operation, DNS success and failure, a process exit, IPv4 and IPv6, enriched and
 * unenriched, attributed and not, and text that needs CSV quoting (comma, quote, CR/LF) or formula neutralising.
 * Never change an event here without regenerating the golden files and reading the difference by hand.
 */
public final class GoldenEvents {
    private static final Instant T = Instant.parse("2026-11-20T09:15:00Z");

    private GoldenEvents() {}

    private static final Enrichment LONDON = new Enrichment(new GeoLocation("GB", "United Kingdom", "London", "England", 51.5142, -0.0931), new AutonomousSystem(29518L, "Bredband2 AB"), null, null, null);
    private static final Enrichment LISTED = new Enrichment(new GeoLocation("RU", "Russia", "Moscow", "Moscow", 55.7522, 37.6156), new AutonomousSystem(64496L, "=HYPERLINK(\"http://x\")"), new DropListing("SBL123456"), null, null);
    private static final Enrichment PRIVATE = Enrichment.of(new SpecialRange("private"));
    private static final Enrichment MUNICH_V6 = new Enrichment(new GeoLocation("DE", "Germany", "München", "Bavaria", 48.1374, 11.5755), new AutonomousSystem(3320L, "Deutsche Telekom AG"), null, new SpecialRange("documentation"), null);

    public static List<NetEvent> all() {
        List<NetEvent> out = new ArrayList<>();
        int n = 0;
        // Firewall: every type, inbound and outbound, IPv4 and IPv6, WFP and NFLOG, enriched and not.
        for (FirewallEventType type : FirewallEventType.values()) {
            boolean v6 = n % 2 == 1;
            Direction dir = switch (n % 3) { case 0 -> Direction.IN; case 1 -> Direction.OUT; default -> Direction.UNKNOWN; };
            Source src = type == FirewallEventType.LOGGED ? Source.NFLOG : n % 4 == 3 ? Source.WFP_IMPORT : Source.WFP;
            Endpoint local = v6 ? Events.ep("2001:db8::10", 443) : Events.ep("192.168.1.10", 3389);
            Endpoint remote = v6 ? Events.ep("2001:db8:ffff::2", 51000 + n) : Events.ep("203.0.113.9", 40000 + n);
            Enrichment en = switch (n % 4) { case 0 -> LONDON; case 1 -> MUNICH_V6; case 2 -> LISTED; default -> Enrichment.NONE; };
            EventHeader h = new EventHeader(T.plusMillis(n), src, n % 5 == 4 ? EventHeader.UNKNOWN_PID : 4 + n,
                    n % 5 == 4 ? null : "\\device\\harddiskvolume3\\windows\\system32\\svchost.exe",
                    n % 2 == 0 ? "NT AUTHORITY\\SYSTEM" : null, n % 3 == 2 ? 17 : 6, local, remote,
                    raw("appId.mismatch", n == 0 ? "yes" : null), en, n % 3 == 1 ? null : "WS-PC01",
                    Correlation.of(n % 4 == 0 ? "www.example.org" : null,
                            n % 4 == 1 && n % 5 != 4 ? PidSource.CORRELATED : null));
            out.add(new FirewallEvent(h, type, dir, n == 5 ? -1 : 68812 + n, n == 5 ? null : "Block " + type.label(),
                    n == 5 ? -1 : 44 + n, n == 5 ? null : "FWPM_LAYER_ALE_AUTH_RECV_ACCEPT_V" + (v6 ? 6 : 4),
                    type == FirewallEventType.LOGGED ? "ws_tool: drop" : null));
            n++;
        }
        // Firewall text that needs quoting or neutralising: comma, quote, CRLF, LF, every formula-leading character.
        EventHeader tricky = new EventHeader(T.plusNanos(1), Source.NFLOG, 1234, "/usr/bin/curl, \"the\" client",
                "-root", 1, Events.ep("10.0.0.1", -1), Events.ep("198.51.100.7", -1),
                raw("prefix", "line1\r\nline2", "note", "a\nb", "tab", "\tx"), PRIVATE, null,
                Correlation.of("=cmd|' /C calc'!A0.example", null));
        out.add(new FirewallEvent(tricky, FirewallEventType.CLASSIFY_DROP, Direction.IN, 7, "=cmd|' /C calc'!A0", 1,
                "+input", "@SUM(A1), \"quoted\""));
        out.add(new FirewallEvent(tricky.withProcess(1235, "\rcarriage"), FirewallEventType.CLASSIFY_ALLOW,
                Direction.OUT, 8, "-2+3", 2, "\ttabbed", "plain=not-leading"));
        // Socket: every operation, each phase, IPv4 and IPv6, success and failure, unknown numbers as -1.
        SocketOp[] ops = SocketOp.values();
        for (int i = 0; i < ops.length; i++) {
            boolean v6 = i % 3 == 2;
            CallPhase phase = CallPhase.values()[i % 3];
            Source src = i % 4 == 3 ? Source.LINUX_TRACE : i % 2 == 0 ? Source.ETW_AFD : Source.ETW_KERNEL_NETWORK;
            Endpoint local = v6 ? Events.ep("::1", 50100 + i) : Events.ep("127.0.0.1", 50100 + i);
            Endpoint remote = ops[i] == SocketOp.CREATE || ops[i] == SocketOp.LISTEN ? Endpoint.NONE
                    : v6 ? Events.ep("2606:4700:4700::1111", 443) : Events.ep("1.1.1.1", 443);
            boolean failed = i % 5 == 4;
            EventHeader h = new EventHeader(T.plusSeconds(1).plusNanos(1000L * i), src,
                    i == 7 ? EventHeader.UNKNOWN_PID : 4242, i == 7 ? null : "C:\\Program Files\\App\\app.exe",
                    null, i % 4 == 1 ? 17 : 6, local, remote, i % 2 == 0 ? raw("Status", Integer.toString(i)) : Map.of(),
                    i == 3 ? LONDON : Enrichment.NONE, null, Correlation.of(i == 3 ? "one.one.one.one" : null, null));
            out.add(new SocketEvent(h, ops[i], phase, i % 2 == 0 ? Direction.OUT : Direction.IN,
                    i == 5 ? -1 : 0xFFFF8001_0000L + i, i == 5 ? -1 : v6 ? 23 : 2, i == 5 ? -1 : i % 4 == 1 ? 2 : 1,
                    ops[i].transfersData() ? 65536 : -1, ops[i].transfersData() ? 1200 + i : -1,
                    failed ? 0xC0000236L : 0, failed ? "STATUS_CONNECTION_REFUSED" : i % 2 == 0 ? "STATUS_SUCCESS" : null));
        }
        // DNS: answered (IPv4 and IPv6 results), failed without results, unattributed, query name needing quotes.
        out.add(new DnsEvent(header(T.plusSeconds(2), Source.ETW_DNS, 4242, "app.exe"), "example.com", 1, 0,
                "SUCCESS", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")));
        out.add(new DnsEvent(header(T.plusSeconds(2).plusMillis(5), Source.ETW_DNS, 4242, "app.exe"),
                "no-such-name.invalid", 28, 9003, "DNS_ERROR_RCODE_NAME_ERROR", List.of()));
        out.add(new DnsEvent(header(T.plusSeconds(2).plusMillis(6), Source.LINUX_TRACE, EventHeader.UNKNOWN_PID, null),
                "=evil,\"name\".example", -1, 0, null, List.of("-1.2.3.4")));
        // Raw: an undecoded event with payload and fields, and the process-exit signal with and without exit code.
        out.add(new RawEvent(new EventHeader(T.plusSeconds(3), Source.ETW_TCPIP, 4, "System", null, -1, null, null,
                raw("ProviderName", "Microsoft-Windows-TCPIP"), null),
                "{2f07e2ee-15db-40f1-90ef-9d7ba282188a}", 1033, 0, "00ff10"));
        out.add(new RawEvent(header(T.plusSeconds(3).plusMillis(1), Source.ETW_OTHER, EventHeader.UNKNOWN_PID, null),
                "{e53c6823-7bb8-44bb-90dc-3f86090d48a6}", 9999, 3, ""));
        out.add(ProcessExit.of(T.plusSeconds(4), Source.LINUX_TRACE, 4242, "/usr/bin/app", 3));
        out.add(ProcessExit.of(T.plusSeconds(4).plusMillis(1), Source.ETW_OTHER, 4243, "C:\\app.exe", null));
        return out;
    }

    private static EventHeader header(Instant t, Source src, long pid, String process) {
        return new EventHeader(t, src, pid, process, null, -1, null, null, null, null);
    }

    /** Ordered raw fields from key/value pairs; a null value leaves its key out. */
    private static Map<String, String> raw(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
