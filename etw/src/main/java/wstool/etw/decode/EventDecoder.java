package wstool.etw.decode;

import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.SchemaRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns ETW events into {@link NetEvent}s: looks up the schema (provider, id, version), walks the payload with
 * {@link PayloadWalker}, then hands it to the {@link ProviderDecoder} of its provider (Winsock-AFD, Kernel-Network,
 * NameResolution). Unknown provider/id/version yields a {@link RawEvent} (provider GUID, id, version, payload hex);
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

    /** raw-map key explaining why an event has pid -1. */
    public static final String UNATTRIBUTED = "unattributed";

    private final SchemaRegistry registry;
    private final AttributionState state;
    private final RawFields raw;
    private final DecodedFields fields = new DecodedFields();
    private final Map<UUID, ProviderDecoder> decoders = new HashMap<>();

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
    }

    public AttributionState attribution() { return state; }
    public SchemaRegistry registry() { return registry; }

    /** The source an event of this provider gets. */
    public static Source sourceOf(UUID provider) {
        if (provider.equals(AFD)) return Source.ETW_AFD;
        if (provider.equals(KERNEL_NETWORK)) return Source.ETW_KERNEL_NETWORK;
        if (provider.equals(NAME_RESOLUTION)) return Source.ETW_DNS;
        if (provider.equals(TCPIP)) return Source.ETW_TCPIP;
        return Source.ETW_OTHER;
    }

    /** Decodes one event; never throws for bad payloads (they come back as RawEvents naming the problem). */
    public NetEvent decode(EventRecordView v) {
        UUID provider = v.providerId();
        EventSchema schema = registry.lookup(provider, v.eventId(), v.version());
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
}
