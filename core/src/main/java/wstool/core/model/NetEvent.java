package wstool.core.model;

/** One observed network event. Immutable; enrichment yields a copy. */
public sealed interface NetEvent permits FirewallEvent, SocketEvent, DnsEvent, PacketEvent, RawEvent {
    EventHeader header();

    /** Short upper-case label for tables and filters: DROP, ALLOW, CONNECT, SEND, DNS, ... */
    String kind();

    /** The event family: firewall, socket, dns, packet or raw. */
    EventClass eventClass();

    Direction direction();

    NetEvent withHeader(EventHeader header);

    default NetEvent withEnrichment(Enrichment e) { return withHeader(header().withEnrichment(e)); }
}
