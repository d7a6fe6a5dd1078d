package wstool.etw.decode;

import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.KernelLoggerSchemas;
import wstool.etw.schema.SchemaRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns ETW events into {@link NetEvent}s: looks up the schema (provider, id, version), walks the payload with
 * {@link PayloadWalker}, then hands it to the {@link ProviderDecoder} of its provider (Winsock-AFD, Kernel-Network,
 * NameResolution, the NT Kernel Logger's classic TcpIp/UdpIp, DNS-Client, Kernel-Process, PktMon). Events of a PID that a
 * Kernel-Process event named get that name. Classic records (EVENT_HEADER_FLAG_CLASSIC_HEADER)
 * are looked up by their type, which the producer puts in the opcode, as ProcessTrace does. Unknown provider/id/version yields a {@link RawEvent} (provider GUID, id, version, payload hex);
 * events of other providers with a schema (e.g. TCPIP, source ETW_TCPIP) become RawEvents with their decoded fields in
 * {@code raw}; so does an event lacking a field its decoder needs ({@code raw.decodeProblem} names it).
 * <p>
 * Stateful (AFD process attribution, see {@link AttributionState}): use one decoder per event stream, from one thread.
 */
public final class EventDecoder {
    public static final UUID AFD = UUID.fromString("e53c6823-7bb8-44bb-90dc-3f86090d48a6");
    public static final UUID KERNEL_NETWORK = UUID.fromString("7dd42a49-5329-4832-8dfd-43d979153a88");
    public static final UUID NAME_RESOLUTION = UUID.fromString("55404e71-4db9-4deb-a5f5-8f86e46dde56");
    public static final UUID TCPIP = UUID.fromString("2f07e2ee-15db-40f1-90ef-9d7ba282188a");
    /** The NT Kernel Logger's classic TcpIp / UdpIp events (event type in the opcode). */
    public static final UUID TCPIP_CLASSIC = KernelLoggerSchemas.TCPIP;
    public static final UUID UDPIP_CLASSIC = KernelLoggerSchemas.UDPIP;
    public static final UUID DNS_CLIENT = UUID.fromString("1c95126e-7eea-49a9-a3fe-a378b03ddb4d");
    public static final UUID KERNEL_PROCESS = UUID.fromString("22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716");
    public static final UUID PKTMON = wstool.etw.schema.PktMonSchemas.PKTMON;
    public static final UUID NDIS_CAPTURE = wstool.etw.schema.NdisCaptureSchemas.NDIS_CAPTURE;

    /** raw-map key explaining why an event has pid -1. */
    public static final String UNATTRIBUTED = "unattributed";

    private final SchemaRegistry registry;
    private final AttributionState state;
    private final RawFields raw;
    private final DecodedFields fields = new DecodedFields();
    private final Map<UUID, ProviderDecoder> decoders = new HashMap<>();
    private final PktMonComponents pktmon = new PktMonComponents();

    /** Built-in schemas, fresh attribution state, all decoded fields kept in {@code raw}. */
    public EventDecoder() { this(SchemaRegistry.builtIn(), new AttributionState(), true); }

    /**
     * @param rawFields whether every decoded payload field is copied into the event's {@code raw} map (the detail
     *                  view and exports want it; throughput-sensitive callers may not)
     */
    public EventDecoder(SchemaRegistry registry, AttributionState state, boolean rawFields) {
        this.registry = registry;
        this.state = state;
        this.raw = new RawFields(registry, rawFields);
        EndpointReader endpoints = new EndpointReader();
        decoders.put(AFD, new AfdDecoder(raw, endpoints, state));
        decoders.put(KERNEL_NETWORK, new KernelNetworkDecoder(raw, endpoints));
        decoders.put(NAME_RESOLUTION, new NameResolutionDecoder(raw));
        decoders.put(TCPIP_CLASSIC, new KernelLoggerNetDecoder(raw, endpoints, Source.ETW_TCPIP_CLASSIC, 6));
        decoders.put(UDPIP_CLASSIC, new KernelLoggerNetDecoder(raw, endpoints, Source.ETW_UDPIP_CLASSIC, 17));
        decoders.put(DNS_CLIENT, new DnsClientDecoder(raw));
        decoders.put(KERNEL_PROCESS, new KernelProcessDecoder(raw, state));
        decoders.put(PKTMON, new PktMonDecoder(raw, pktmon));
        decoders.put(NDIS_CAPTURE, new NdisCaptureDecoder(raw));
    }

    public AttributionState attribution() { return state; }
    public SchemaRegistry registry() { return registry; }
    /** The pktmon component names learnt so far (a source may fill it ahead: pktmon logs them last). */
    public PktMonComponents pktmonComponents() { return pktmon; }

    /** The source an event of this provider gets. */
    public static Source sourceOf(UUID provider) {
        if (provider.equals(AFD)) return Source.ETW_AFD;
        if (provider.equals(KERNEL_NETWORK)) return Source.ETW_KERNEL_NETWORK;
        if (provider.equals(NAME_RESOLUTION)) return Source.ETW_DNS;
        if (provider.equals(TCPIP)) return Source.ETW_TCPIP;
        if (provider.equals(TCPIP_CLASSIC)) return Source.ETW_TCPIP_CLASSIC;
        if (provider.equals(UDPIP_CLASSIC)) return Source.ETW_UDPIP_CLASSIC;
        if (provider.equals(DNS_CLIENT)) return Source.ETW_DNS_CLIENT;
        if (provider.equals(KERNEL_PROCESS)) return Source.ETW_KERNEL_PROCESS;
        if (provider.equals(PKTMON)) return Source.ETW_PKTMON;
        if (provider.equals(NDIS_CAPTURE)) return Source.ETW_NDIS_CAPTURE;
        return Source.ETW_OTHER;
    }

    /**
     * Decodes one event; never throws for bad payloads (they come back as RawEvents naming the problem). Returns null
     * for an NDIS-PacketCapture fragment that is not a packet's last: the packet comes with its last fragment.
     */
    public NetEvent decode(EventRecordView v) {
        NetEvent e = decodeUnnamed(v);
        return e == null ? null : named(e);
    }

    private NetEvent decodeUnnamed(EventRecordView v) {
        UUID provider = v.providerId();
        // a classic (MOF) record has no event id: its type is the opcode, and the kernel logger schemas are keyed by it
        int id = (v.headerFlags() & EventRecordView.FLAG_CLASSIC_HEADER) != 0 ? v.opcode() : v.eventId();
        EventSchema schema = registry.lookup(provider, id, v.version());
        if (schema == null) return raw.raw(v, sourceOf(provider), null, "no schema for this provider, id and version");
        PayloadWalker.walk(schema, v, fields);
        ProviderDecoder d = decoders.get(provider);
        if (d == null) return raw.raw(v, sourceOf(provider), fields, fields.problem());
        try {
            return d.decode(v, fields);
        } catch (MissingFieldException e) {
            return raw.raw(v, sourceOf(provider), fields, e.getMessage());
        }
    }

    /** The event with the process name a Kernel-Process event gave its PID, when it has none yet. */
    private NetEvent named(NetEvent e) {
        EventHeader h = e.header();
        if (h.process() != null || h.pid() < 0) return e;
        String image = state.image(h.pid());
        return image == null ? e : e.withHeader(h.withProcess(h.pid(), image));
    }
}
