package wstool.etw.decode;

import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.SchemaRegistry;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns ETW events into {@link NetEvent}s: looks up the schema (provider, id, version), walks the payload with
 * {@link PayloadWalker}, then applies the network meaning of Winsock-AFD, Kernel-Network and NameResolution events.
 * Unknown provider/id/version yields a {@link RawEvent} (provider GUID, id, version, payload hex); TCPIP events become
 * RawEvents with source ETW_TCPIP and their decoded fields in {@code raw}.
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

    private static final HexFormat HEX = HexFormat.of();

    private final SchemaRegistry registry;
    private final AttributionState state;
    private final boolean rawFields;
    private final DecodedFields fields = new DecodedFields();
    /** IPv4 addresses seen recently: traces repeat few addresses, and InetAddress creation dominates otherwise. */
    private final Map<Integer, java.net.InetAddress> ipv4Cache = new java.util.HashMap<>();

    /** Built-in schemas, fresh attribution state, all decoded fields kept in {@code raw}. */
    public EventDecoder() { this(SchemaRegistry.builtIn(), new AttributionState(), true); }

    /**
     * @param rawFields whether every decoded payload field is copied into the event's {@code raw} map (the detail
     *                  view and exports want it; throughput-sensitive callers may not)
     */
    public EventDecoder(SchemaRegistry registry, AttributionState state, boolean rawFields) {
        this.registry = registry;
        this.state = state;
        this.rawFields = rawFields;
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
        if (schema == null) return raw(v, sourceOf(provider), null, "no schema for this provider, id and version");
        PayloadWalker.walk(schema, v, fields);
        if (provider.equals(KERNEL_NETWORK)) return kernelNetwork(v, schema);
        if (provider.equals(AFD)) return afd(v, schema);
        if (provider.equals(NAME_RESOLUTION)) return dns(v, schema);
        return raw(v, sourceOf(provider), schema, fields.problem());
    }

    // ---- Kernel-Network: PID in the payload; daddr/dport = remote, saddr/sport = local; ports network order ----

    private static final class KnIdx {
        final int pid, size, daddr, saddr, dport, sport;
        /** Fields the SocketEvent already carries: left out of {@code raw}. */
        final long inModel;
        KnIdx(EventSchema s) {
            pid = s.indexOf("PID"); size = s.indexOf("size"); daddr = s.indexOf("daddr"); saddr = s.indexOf("saddr");
            dport = s.indexOf("dport"); sport = s.indexOf("sport");
            long m = 0;
            for (int i : new int[]{pid, size, daddr, saddr, dport, sport}) if (i >= 0 && i < 64) m |= 1L << i;
            inModel = m;
        }
    }

    private NetEvent kernelNetwork(EventRecordView v, EventSchema s) {
        KnIdx ix = s.decoderCache instanceof KnIdx k ? k : (KnIdx) (s.decoderCache = new KnIdx(s));
        if (ix.pid < 0) return raw(v, Source.ETW_KERNEL_NETWORK, s, fields.problem());
        SocketOp op;
        Direction dir;
        switch (s.opcode()) {
            case 10: case 42: op = SocketOp.SEND; dir = Direction.OUT; break;
            case 11: case 43: case 18: op = SocketOp.RECV; dir = Direction.IN; break;
            case 12: case 17: case 49: op = SocketOp.CONNECT; dir = Direction.OUT; break;
            case 13: op = SocketOp.DISCONNECT; dir = Direction.UNKNOWN; break;
            case 14: op = SocketOp.RETRANSMIT; dir = Direction.OUT; break;
            case 15: op = SocketOp.ACCEPT; dir = Direction.IN; break;
            case 16: op = SocketOp.RECONNECT; dir = Direction.OUT; break;
            default: op = SocketOp.OTHER; dir = Direction.UNKNOWN;
        }
        int proto = s.task() == 11 ? 17 : 6;
        if (s.opcode() == 42 || s.opcode() == 43 || s.opcode() == 49) proto = 17;
        Endpoint remote = address(ix.daddr, ix.dport);
        Endpoint local = address(ix.saddr, ix.sport);
        int family = remote.address() == null ? -1 : remote.isIpv6() ? SockAddr.AF_INET6 : SockAddr.AF_INET;
        long pid = fields.number(ix.pid, -1);
        long bytes = fields.number(ix.size, -1);
        Map<String, String> raw = rawMap(v, s, ix.inModel);
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_KERNEL_NETWORK, pid, null, null, proto, local, remote, raw, null);
        return new SocketEvent(h, op, CallPhase.SINGLE, dir, -1, family, proto == 6 ? 1 : 2,
                -1, op.transfersData() ? bytes : -1, 0, null);
    }

    private java.net.InetAddress ipv4(byte[] d, int o) {
        int key = (d[o] & 0xFF) << 24 | (d[o + 1] & 0xFF) << 16 | (d[o + 2] & 0xFF) << 8 | (d[o + 3] & 0xFF);
        java.net.InetAddress a = ipv4Cache.get(key);
        if (a == null) {
            if (ipv4Cache.size() >= 4096) ipv4Cache.clear();
            a = Addresses.fromBytes(java.util.Arrays.copyOfRange(d, o, o + 4));
            ipv4Cache.put(key, a);
        }
        return a;
    }

    /** An address field (UInt32 in network order or a 4/16-byte Binary) and a network-order UInt16 port. */
    private Endpoint address(int addrIdx, int portIdx) {
        java.net.InetAddress a = null;
        if (fields.present(addrIdx)) {
            int len = fields.length(addrIdx);
            int o = fields.offset(addrIdx);
            if (len == 4) a = ipv4(fields.data(), o);
            else if (len == 16) a = Addresses.fromBytes(java.util.Arrays.copyOfRange(fields.data(), o, o + len));
        }
        int port = fields.present(portIdx) && fields.length(portIdx) == 2 ? Bytes.be16(fields.data(), fields.offset(portIdx)) : -1;
        return Endpoint.of(a, port);
    }

    // ---- Winsock-AFD ----

    private static final class AfdIdx {
        final int enterExit, process, endpoint, family, type, protocol, processId, userModePid, bufferLength, status,
                error, addressLen, address, port;
        final SocketOp op;
        final CallPhase fixedPhase; // phase of the pre-1000 events, which have no EnterExit; null otherwise
        final Direction dir;
        final boolean addressIsLocal;
        AfdIdx(EventSchema s) {
            enterExit = s.indexOf("EnterExit"); process = s.indexOf("Process"); endpoint = s.indexOf("Endpoint");
            family = s.indexOf("AddressFamily"); type = s.indexOf("SocketType"); protocol = s.indexOf("Protocol");
            processId = s.indexOf("ProcessId"); userModePid = s.indexOf("UserModePid");
            bufferLength = s.indexOf("BufferLength"); status = s.indexOf("Status"); error = s.indexOf("Error");
            addressLen = s.indexOf("AddressLen"); address = s.indexOf("Address"); port = s.indexOf("Port");
            LegacyAfd legacy = s.id() < 1000 ? LegacyAfd.of(s.id()) : null;
            op = legacy != null ? legacy.op : afdOp(s);
            fixedPhase = legacy != null ? legacy.phase : null;
            dir = op == SocketOp.SEND || op == SocketOp.SENDTO || op == SocketOp.CONNECT ? Direction.OUT
                    : op == SocketOp.RECV || op == SocketOp.RECVFROM || op == SocketOp.ACCEPT ? Direction.IN
                    : Direction.UNKNOWN;
            addressIsLocal = op == SocketOp.BIND || op == SocketOp.LISTEN;
        }
    }

    /**
     * The Windows 7 event set (ids 1-41, all under task_0 in the manifests), named from Microsoft's "Winsock Network
     * Event Tracing Details": 1 create; 2/3 bind v4/v6; 4/5 connect v4/v6; 6 connect completed; 7/8 abort (AFD /
     * transport); 9-12 failed send / WSASendMsg / recv / recvfrom; 13 close; 14 cleanup; 15/16 accept v4/v6; 17 accept
     * failed; 18-22 send / recv / recvfrom / sendto (v4, v6) posted; 23-28 recv / send / sendmsg / recvfrom (v4, v6) /
     * sendto completed; 40 failed bind. Others (29-39, 41) are OTHER.
     */
    private enum LegacyAfd {
        CREATE(SocketOp.CREATE, CallPhase.SINGLE), BIND(SocketOp.BIND, CallPhase.COMPLETE),
        CONNECT(SocketOp.CONNECT, CallPhase.START), CONNECTED(SocketOp.CONNECT, CallPhase.COMPLETE),
        ABORT(SocketOp.ABORT, CallPhase.SINGLE), SEND_FAILED(SocketOp.SEND, CallPhase.COMPLETE),
        RECV_FAILED(SocketOp.RECV, CallPhase.COMPLETE), RECVFROM_FAILED(SocketOp.RECVFROM, CallPhase.COMPLETE),
        CLOSE(SocketOp.CLOSE, CallPhase.SINGLE), CLEANUP(SocketOp.CLEANUP, CallPhase.SINGLE),
        ACCEPT(SocketOp.ACCEPT, CallPhase.COMPLETE), SEND_POSTED(SocketOp.SEND, CallPhase.START),
        RECV_POSTED(SocketOp.RECV, CallPhase.START), RECVFROM_POSTED(SocketOp.RECVFROM, CallPhase.START),
        SENDTO_POSTED(SocketOp.SENDTO, CallPhase.START), RECV_DONE(SocketOp.RECV, CallPhase.COMPLETE),
        SEND_DONE(SocketOp.SEND, CallPhase.COMPLETE), RECVFROM_DONE(SocketOp.RECVFROM, CallPhase.COMPLETE),
        SENDTO_DONE(SocketOp.SENDTO, CallPhase.COMPLETE);

        final SocketOp op;
        final CallPhase phase;

        LegacyAfd(SocketOp op, CallPhase phase) { this.op = op; this.phase = phase; }

        static LegacyAfd of(int id) {
            switch (id) {
                case 1: return CREATE;
                case 2: case 3: case 40: return BIND;
                case 4: case 5: return CONNECT;
                case 6: return CONNECTED;
                case 7: case 8: return ABORT;
                case 9: case 10: return SEND_FAILED;
                case 11: return RECV_FAILED;
                case 12: return RECVFROM_FAILED;
                case 13: return CLOSE;
                case 14: return CLEANUP;
                case 15: case 16: case 17: return ACCEPT;
                case 18: return SEND_POSTED;
                case 19: return RECV_POSTED;
                case 20: return RECVFROM_POSTED;
                case 21: case 22: return SENDTO_POSTED;
                case 23: return RECV_DONE;
                case 24: case 25: return SEND_DONE;
                case 26: case 27: return RECVFROM_DONE;
                case 28: return SENDTO_DONE;
                default: return null;
            }
        }
    }

    /** Operation from the manifest's task name (events 1000+); for the older 1-41 set only create is recognisable. */
    static SocketOp afdOp(EventSchema s) {
        String t = s.taskName();
        if (t.startsWith("AfdCreate")) return SocketOp.CREATE;
        if (t.startsWith("AfdCloseClosed") || t.equals("AfdClose")) return SocketOp.CLOSE;
        if (t.startsWith("AfdCleanup")) return SocketOp.CLEANUP;
        if (t.startsWith("AfdSendTo") || t.startsWith("AfdSendMessageWithAddress")) return SocketOp.SENDTO;
        if (t.startsWith("AfdSend") && !t.startsWith("AfdSendBackLog")) return SocketOp.SEND;
        if (t.startsWith("AfdReceiveFrom") || t.startsWith("AfdReceiveMessageWithAddress")) return SocketOp.RECVFROM;
        if (t.startsWith("AfdReceive") || t.startsWith("AfdDataIndication")) return SocketOp.RECV;
        if (t.startsWith("AfdConnectIndication") || t.startsWith("AfdAccept")) return SocketOp.ACCEPT;
        if (t.startsWith("AfdConnect")) return SocketOp.CONNECT;
        if (t.startsWith("AfdBind")) return SocketOp.BIND;
        if (t.startsWith("AfdListen") || t.startsWith("AfdWaitForListen")) return SocketOp.LISTEN;
        if (t.startsWith("AfdAbort")) return SocketOp.ABORT;
        if (t.startsWith("AfdDatagramDrop")) return SocketOp.DATAGRAM_DROP;
        if (t.startsWith("AfdDisconnect")) return SocketOp.DISCONNECT;
        return SocketOp.OTHER;
    }

    private NetEvent afd(EventRecordView v, EventSchema s) {
        AfdIdx ix = s.decoderCache instanceof AfdIdx k ? k : (AfdIdx) (s.decoderCache = new AfdIdx(s));
        Map<String, String> raw = rawMap(v, s);
        long eprocess = fields.number(ix.process, 0);
        long endpointId = fields.number(ix.endpoint, -1);
        boolean hasEndpoint = fields.present(ix.endpoint) && endpointId != 0; // kernel addresses are negative longs
        long enterExit = fields.number(ix.enterExit, -1);
        CallPhase phase = ix.fixedPhase != null ? ix.fixedPhase
                : enterExit == 0 ? CallPhase.START : enterExit == 1 ? CallPhase.COMPLETE : CallPhase.SINGLE;
        AttributionState.EndpointInfo known = hasEndpoint ? state.endpoint(endpointId) : null;

        int family = (int) fields.number(ix.family, known == null ? -1 : known.family());
        int type = (int) fields.number(ix.type, known == null ? -1 : known.socketType());
        int protocol = (int) fields.number(ix.protocol, known == null ? -1 : known.protocol());

        long pid = -1;
        long declaredPid = fields.number(ix.processId, fields.number(ix.userModePid, 0));
        long headerPid = v.pid();
        if (declaredPid > 0) {
            pid = declaredPid;
        } else if (phase == CallPhase.START && plausiblePid(headerPid)) {
            pid = headerPid;
        }
        if (pid > 0) {
            state.learnProcess(eprocess, pid);
        } else {
            pid = state.pidOfProcess(eprocess);
            if (pid < 0 && known != null) pid = known.pid();
        }
        if (pid < 0) {
            if (raw == null) raw = new LinkedHashMap<>();
            raw.put(UNATTRIBUTED, eprocess == 0 && !hasEndpoint ? "event carries no Process or Endpoint"
                    : "EPROCESS 0x" + Long.toHexString(eprocess) + " and endpoint 0x" + Long.toHexString(endpointId)
                    + " not seen in a create or request-start event");
        } else if (hasEndpoint && (known == null || known.pid() != pid || ix.op == SocketOp.CREATE)) {
            state.learnEndpoint(endpointId, new AttributionState.EndpointInfo(pid, family, type, protocol));
        }

        Endpoint addr = Endpoint.NONE;
        if (fields.present(ix.address)) {
            int o = fields.offset(ix.address), len = fields.length(ix.address);
            boolean sockaddr = s.field(ix.address).type() == wstool.etw.schema.InType.BINARY && ix.port < 0;
            if (sockaddr && len >= 8) { // 1000+ events: a SOCKADDR blob; the 1-41 set logs address and port apart
                addr = SockAddr.decode(fields.data(), o, len);
                if (family < 0 && addr.address() != null) family = SockAddr.family(fields.data(), o, len);
            } else if (len == 4 || len == 16) {
                addr = address(ix.address, ix.port);
            }
        }
        Endpoint local = ix.addressIsLocal ? addr : Endpoint.NONE;
        Endpoint remote = ix.addressIsLocal ? Endpoint.NONE : addr;

        long status = fields.number(ix.status, fields.number(ix.error, 0));
        long len = fields.number(ix.bufferLength, -1);
        long bufferLength = phase == CallPhase.COMPLETE ? -1 : len;
        long bytes = phase == CallPhase.COMPLETE && ix.op.transfersData() ? len : -1;
        int ipProto = protocol == 6 || protocol == 17 ? protocol
                : type == 1 ? 6 : type == 2 ? 17 : -1;
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_AFD, pid, null, null, ipProto, local, remote, raw, null);
        if (hasEndpoint && ix.op.endsEndpoint() && phase != CallPhase.START) state.forgetEndpoint(endpointId);
        return new SocketEvent(h, ix.op, phase, ix.dir, endpointId, family, type, bufferLength, bytes, status,
                NtStatus.name(status));
    }

    /** Header PIDs 0 (idle/DPC), 4 (System) and 0xFFFFFFFF (not set) say nothing about the caller. */
    private static boolean plausiblePid(long pid) { return pid > 4 && pid != 0xFFFFFFFFL; }

    // ---- Winsock NameResolution (user mode: the header PID is the caller) ----

    private NetEvent dns(EventRecordView v, EventSchema s) {
        int node = s.indexOf("NodeName");
        if (!fields.present(node)) return raw(v, Source.ETW_DNS, s, fields.problem());
        String name = fields.string(node);
        int statusIx = s.indexOf("Status");
        long status = fields.number(statusIx, 0);
        int familyIx = s.indexOf("Family");
        long family = fields.number(familyIx, 0);
        int qtype = family == 2 ? 1 : family == 23 ? 28 : -1;
        List<String> results = new ArrayList<>();
        int resultIx = s.indexOf("Result");
        if (fields.present(resultIx)) {
            for (String r : fields.string(resultIx).split(";")) if (!r.isBlank()) results.add(r.trim());
        }
        Map<String, String> raw = rawMap(v, s);
        long pid = plausiblePid(v.pid()) ? v.pid() : -1;
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_DNS, pid, null, null, -1, null, null, raw, null);
        return new DnsEvent(h, name, qtype, status, statusIx >= 0 ? WinsockStatus.name(status) : null, results);
    }

    // ---- common ----

    private Map<String, String> rawMap(EventRecordView v, EventSchema s) { return rawMap(v, s, 0); }

    /** @param skip bit i set = field i is represented in the event model already */
    private Map<String, String> rawMap(EventRecordView v, EventSchema s, long skip) {
        if (!rawFields) return null;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("event", s.opcodeName().isEmpty() ? s.taskName() : s.taskName() + "/" + s.opcodeName());
        m.put("eventId", Integer.toString(v.eventId()));
        if (v.pid() != 0xFFFFFFFFL) m.put("headerPid", Long.toString(v.pid()));
        for (int i = 0; i < fields.count(); i++) {
            if (i < 64 && (skip & 1L << i) != 0) continue;
            m.put(s.field(i).name(), fields.format(i, registry.map(s.provider(), s.field(i).map())));
        }
        if (!fields.complete()) m.put("decodeProblem", fields.problem());
        return m;
    }

    private NetEvent raw(EventRecordView v, Source source, EventSchema s, String problem) {
        Map<String, String> m = s != null ? rawMap(v, s) : null;
        if (m == null) m = new LinkedHashMap<>();
        if (problem != null) m.put("decodeProblem", problem);
        long pid = plausiblePid(v.pid()) ? v.pid() : -1;
        EventHeader h = new EventHeader(v.timestamp(), source, pid, null, null, -1, null, null, m, null);
        String provider = registry.providerName(v.providerId());
        return new RawEvent(h, provider != null ? provider : "{" + v.providerId() + "}", v.eventId(), v.version(),
                HEX.formatHex(v.data(), v.payloadOffset(), v.payloadOffset() + v.payloadLength()));
    }
}
