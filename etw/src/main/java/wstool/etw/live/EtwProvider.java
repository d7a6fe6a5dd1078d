package wstool.etw.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import wstool.core.model.Source;

/** A provider the live session enables, with the event {@link Source} its events are tagged with. */
public record EtwProvider(String name, UUID guid, Source source, long keywords) {

    /** MatchAnyKeyword with every bit set. */
    public static final long ALL_KEYWORDS = 0xFFFFFFFFFFFFFFFFL;

    public static final EtwProvider WINSOCK_AFD = new EtwProvider("Microsoft-Windows-Winsock-AFD",
            UUID.fromString("e53c6823-7bb8-44bb-90dc-3f86090d48a6"), Source.ETW_AFD, ALL_KEYWORDS);
    public static final EtwProvider NAME_RESOLUTION = new EtwProvider("Microsoft-Windows-Winsock-NameResolution",
            UUID.fromString("55404e71-4db9-4deb-a5f5-8f86e46dde56"), Source.ETW_DNS, ALL_KEYWORDS);
    public static final EtwProvider KERNEL_NETWORK = new EtwProvider("Microsoft-Windows-Kernel-Network",
            UUID.fromString("7dd42a49-5329-4832-8dfd-43d979153a88"), Source.ETW_KERNEL_NETWORK, ALL_KEYWORDS);
    public static final EtwProvider TCPIP = new EtwProvider("Microsoft-Windows-TCPIP",
            UUID.fromString("2f07e2ee-15db-40f1-90ef-9d7ba282188a"), Source.ETW_TCPIP, ALL_KEYWORDS);
    /** Process start/stop only (WINEVENT_KEYWORD_PROCESS): follows --exe processes that start later. */
    public static final EtwProvider KERNEL_PROCESS = new EtwProvider("Microsoft-Windows-Kernel-Process",
            UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716"), Source.ETW_OTHER, 0x10L);

    public static final EtwProvider DNS_CLIENT = new EtwProvider("Microsoft-Windows-DNS-Client",
            UUID.fromString("1c95126e-7eea-49a9-a3fe-a378b03ddb4d"), Source.ETW_DNS_CLIENT, ALL_KEYWORDS);
    /**
     * The NT Kernel Logger's classic TcpIp / UdpIp events: in .etl captures of the kernel logger (xperf, WPR,
     * PerfView, netsh trace), not something a real-time session of ours can enable ({@link #kernelLogger()}).
     */
    public static final EtwProvider TCPIP_CLASSIC = new EtwProvider("TcpIp",
            UUID.fromString("9a280ac0-c8e0-11d1-84e2-00c04fb998a2"), Source.ETW_TCPIP_CLASSIC, ALL_KEYWORDS);
    public static final EtwProvider UDPIP_CLASSIC = new EtwProvider("UdpIp",
            UUID.fromString("bf3a50c5-a9c9-4988-a005-2df0b7c80f80"), Source.ETW_UDPIP_CLASSIC, ALL_KEYWORDS);

    /** Event ids of Kernel-Process: ProcessStart, ProcessStop. */
    public static final int PROCESS_START = 1;
    public static final int PROCESS_STOP = 2;

    public static final List<EtwProvider> KNOWN = List.of(WINSOCK_AFD, NAME_RESOLUTION, KERNEL_NETWORK, TCPIP,
            KERNEL_PROCESS, DNS_CLIENT, TCPIP_CLASSIC, UDPIP_CLASSIC);
    public static final List<EtwProvider> DEFAULT = List.of(WINSOCK_AFD, NAME_RESOLUTION, KERNEL_NETWORK);

    /** Whether the events come from the NT Kernel Logger (readable from .etl files, not enabled by a live session). */
    public boolean kernelLogger() { return this == TCPIP_CLASSIC || this == UDPIP_CLASSIC; }

    /**
     * Parses a comma-separated list of short names (afd, dns, kernel-network, tcpip, kernel-process, dns-client,
     * tcpip-classic, udpip-classic), full provider names or GUIDs: the one parser of provider lists for live
     * sessions and .etl files.
     *
     * @throws IllegalArgumentException naming the entry that is none of these
     */
    public static List<EtwProvider> parseList(String list) {
        List<EtwProvider> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            EtwProvider p = parse(s);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no ETW provider named");
        }
        return out;
    }

    static EtwProvider parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        switch (k) {
            case "afd": case "winsock": case "winsock-afd": return WINSOCK_AFD;
            case "dns": case "nameresolution": case "name-resolution": return NAME_RESOLUTION;
            case "kernel-network": case "kernelnetwork": case "network": case "net": return KERNEL_NETWORK;
            case "tcpip": case "tcp": return TCPIP;
            case "kernel-process": case "process": return KERNEL_PROCESS;
            case "dns-client": case "dnsclient": return DNS_CLIENT;
            case "tcpip-classic": return TCPIP_CLASSIC;
            case "udpip-classic": return UDPIP_CLASSIC;
            default: break;
        }
        for (EtwProvider p : KNOWN) {
            if (p.name.equalsIgnoreCase(s)) {
                return p;
            }
        }
        String g = k.startsWith("{") && k.endsWith("}") ? k.substring(1, k.length() - 1) : k;
        try {
            UUID u = UUID.fromString(g);
            for (EtwProvider p : KNOWN) {
                if (p.guid.equals(u)) {
                    return p;
                }
            }
            return new EtwProvider("{" + u + "}", u, Source.ETW_OTHER, ALL_KEYWORDS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ETW provider '" + s
                    + "' (use afd, dns, kernel-network, tcpip, kernel-process, dns-client, tcpip-classic, udpip-classic,"
                    + " a provider name or a GUID)");
        }
    }

    public static EtwProvider byGuid(UUID guid) {
        for (EtwProvider p : KNOWN) {
            if (p.guid.equals(guid)) {
                return p;
            }
        }
        return null;
    }
}
