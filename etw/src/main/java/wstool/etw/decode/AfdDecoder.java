package wstool.etw.decode;

import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.EventHeader;
import wstool.core.model.NetEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.etw.schema.EventSchema;
import wstool.etw.schema.InType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Microsoft-Windows-Winsock-AFD: the socket calls, attributed to processes through {@link AttributionState}
 * (EPROCESS and endpoint maps). AFD templates differ per event and build (older builds log fewer trailing fields),
 * so most fields are optional here, each with the meaning its absence has.
 */
final class AfdDecoder implements ProviderDecoder {
    private final RawFields raw;
    private final EndpointReader endpoints;
    private final AttributionState state;
    private final SchemaCache<Layout> layouts = new SchemaCache<>(Layout::new);

    AfdDecoder(RawFields raw, EndpointReader endpoints, AttributionState state) {
        this.raw = raw;
        this.endpoints = endpoints;
        this.state = state;
    }

    private static final class Layout {
        final Field enterExit, process, endpoint, family, type, protocol, processId, userModePid, bufferLength, status,
                error, address, port;
        final SocketOp op;
        final CallPhase fixedPhase; // phase of the pre-1000 events, which have no EnterExit; null otherwise
        final Direction dir;
        final boolean addressIsLocal;
        /** Address is a SOCKADDR blob (1000+ events); the 1-41 set logs address and port apart. */
        final boolean sockaddr;

        Layout(EventSchema s) {
            enterExit = Field.of(s, "EnterExit");
            process = Field.of(s, "Process");
            endpoint = Field.of(s, "Endpoint");
            family = Field.of(s, "AddressFamily");
            type = Field.of(s, "SocketType");
            protocol = Field.of(s, "Protocol");
            processId = Field.of(s, "ProcessId");
            userModePid = Field.of(s, "UserModePid");
            bufferLength = Field.of(s, "BufferLength");
            status = Field.of(s, "Status");
            error = Field.of(s, "Error");
            address = Field.of(s, "Address");
            port = Field.of(s, "Port");
            LegacyAfd legacy = s.id() < 1000 ? LegacyAfd.of(s.id()) : null;
            op = legacy != null ? legacy.op : afdOp(s);
            fixedPhase = legacy != null ? legacy.phase : null;
            dir = op == SocketOp.SEND || op == SocketOp.SENDTO || op == SocketOp.CONNECT ? Direction.OUT
                    : op == SocketOp.RECV || op == SocketOp.RECVFROM || op == SocketOp.ACCEPT ? Direction.IN
                    : Direction.UNKNOWN;
            addressIsLocal = op == SocketOp.BIND || op == SocketOp.LISTEN;
            sockaddr = address.declared() && s.field(address.index()).type() == InType.BINARY && !port.declared();
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

    @Override
    public NetEvent decode(EventRecordView v, DecodedFields f) {
        Layout l = layouts.get(f.schema());
        Map<String, String> m = raw.map(v, f);
        long eprocess = f.has(l.process) ? f.number(l.process) : 0; // 0: no EPROCESS to attribute by
        boolean hasEndpoint = f.has(l.endpoint) && f.number(l.endpoint) != 0; // kernel addresses are negative longs
        long endpointId = f.has(l.endpoint) ? f.number(l.endpoint) : -1;
        CallPhase phase = l.fixedPhase != null ? l.fixedPhase : phase(f, l.enterExit);
        AttributionState.EndpointInfo known = hasEndpoint ? state.endpoint(endpointId) : null;

        // the socket triple: from this event, else from the endpoint's create event, else unknown (-1)
        int family = (int) (f.has(l.family) ? f.number(l.family) : known == null ? -1 : known.family());
        int type = (int) (f.has(l.type) ? f.number(l.type) : known == null ? -1 : known.socketType());
        int protocol = (int) (f.has(l.protocol) ? f.number(l.protocol) : known == null ? -1 : known.protocol());

        long pid = -1;
        long declaredPid = f.has(l.processId) ? f.number(l.processId) : f.has(l.userModePid) ? f.number(l.userModePid) : 0;
        long headerPid = v.pid();
        if (declaredPid > 0) {
            pid = declaredPid;
        } else if (phase == CallPhase.START && RawFields.plausiblePid(headerPid)) {
            pid = headerPid; // a request start runs in the caller's context
        }
        if (pid > 0) {
            state.learnProcess(eprocess, pid);
        } else {
            pid = state.pidOfProcess(eprocess);
            if (pid < 0 && known != null) pid = known.pid();
        }
        if (pid < 0) {
            if (m == null) m = new LinkedHashMap<>();
            m.put(EventDecoder.UNATTRIBUTED, eprocess == 0 && !hasEndpoint ? "event carries no Process or Endpoint"
                    : "EPROCESS 0x" + Long.toHexString(eprocess) + " and endpoint 0x" + Long.toHexString(endpointId)
                    + " not seen in a create or request-start event");
        } else if (hasEndpoint && (known == null || known.pid() != pid || l.op == SocketOp.CREATE)) {
            state.learnEndpoint(endpointId, new AttributionState.EndpointInfo(pid, family, type, protocol));
        }

        Endpoint addr = Endpoint.NONE;
        if (f.has(l.address)) {
            int o = f.offset(l.address), len = f.length(l.address);
            if (l.sockaddr && len >= 8) {
                addr = SockAddr.decode(f.data(), o, len);
                if (family < 0 && addr.address() != null) family = SockAddr.family(f.data(), o, len);
            } else if (len == 4 || len == 16) {
                addr = endpoints.endpoint(f, l.address, l.port);
            }
        }
        Endpoint local = l.addressIsLocal ? addr : Endpoint.NONE;
        Endpoint remote = l.addressIsLocal ? Endpoint.NONE : addr;

        // success when the event reports neither (create, close and the like carry no status)
        long status = f.has(l.status) ? f.number(l.status) : f.has(l.error) ? f.number(l.error) : 0;
        long len = f.has(l.bufferLength) ? f.number(l.bufferLength) : -1;
        long bufferLength = phase == CallPhase.COMPLETE ? -1 : len;
        long bytes = phase == CallPhase.COMPLETE && l.op.transfersData() ? len : -1;
        int ipProto = protocol == 6 || protocol == 17 ? protocol
                : type == 1 ? 6 : type == 2 ? 17 : -1;
        EventHeader h = new EventHeader(v.timestamp(), Source.ETW_AFD, pid, null, null, ipProto, local, remote, m, null);
        if (hasEndpoint && l.op.endsEndpoint() && phase != CallPhase.START) state.forgetEndpoint(endpointId);
        return new SocketEvent(h, l.op, phase, l.dir, endpointId, family, type, bufferLength, bytes, status,
                NtStatus.name(status));
    }

    /** EnterExit 0 = request start, 1 = completion; events without it are single. */
    private static CallPhase phase(DecodedFields f, Field enterExit) {
        if (!f.has(enterExit)) return CallPhase.SINGLE;
        long e = f.number(enterExit);
        return e == 0 ? CallPhase.START : e == 1 ? CallPhase.COMPLETE : CallPhase.SINGLE;
    }
}
