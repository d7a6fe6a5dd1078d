package wstool.verify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.Endpoint;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.DropListing;
import wstool.core.model.GeoLocation;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** Hand-built socket events, as the AFD decoder (NTSTATUS) or the Linux backend (errno) produce them. */
final class Ev {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final long AFD_EP = 0xffffa30188c41e60L;

    private long millis;
    private Source source = Source.ETW_AFD;
    private long pid = 100;
    private String process = "C:\\app\\client.exe";
    private SocketOp op;
    private CallPhase phase = CallPhase.SINGLE;
    private long id = AFD_EP;
    private int family = 2, type = 1, proto = 6;
    private long buffer = -1, bytes = -1, status;
    private String statusName = "STATUS_SUCCESS";
    private Endpoint local = Endpoint.NONE, remote = Endpoint.NONE;
    private Enrichment enrichment = Enrichment.NONE;
    private final Map<String, String> raw = new LinkedHashMap<>();

    static Ev at(long millis, SocketOp op) {
        Ev e = new Ev();
        e.millis = millis;
        e.op = op;
        return e;
    }

    /** A Linux trace-backend event as its mapper makes them: fd ids, errno results, one COMPLETE per syscall. */
    Ev linux(long fd) {
        source = Source.LINUX_TRACE;
        phase = CallPhase.COMPLETE;
        id = fd;
        process = "/usr/bin/client";
        statusName = "OK";
        family = 2;
        return this;
    }

    Ev pid(long p) { pid = p; return this; }
    Ev process(String p) { process = p; return this; }
    Ev id(long i) { id = i; return this; }
    Ev start() { phase = CallPhase.START; return this; }
    Ev complete() { phase = CallPhase.COMPLETE; return this; }
    Ev buffer(long n) { buffer = n; return this; }
    Ev bytes(long n) { bytes = n; return this; }
    Ev status(long code, String name) { status = code; statusName = name; return this; }
    Ev noStatus() { statusName = null; return this; }
    Ev local(String a, int port) { local = Endpoint.of(Addresses.parse(a), port); return this; }
    Ev remote(String a, int port) { remote = Endpoint.of(Addresses.parse(a), port); return this; }
    Ev drop(String dropId) { enrichment = new Enrichment(new GeoLocation("XX", null, null, null, null, null), new AutonomousSystem(64500L, "Bad AS"), dropId == null ? null : new DropListing(dropId), null, null); return this; }
    Ev raw(String k, String v) { raw.put(k, v); return this; }
    Ev source(Source s) { source = s; return this; }

    static Instant t(long millis) { return T0.plusMillis(millis); }

    SocketEvent build() {
        EventHeader h = new EventHeader(t(millis), source, pid, process, null, proto, local, remote, raw, enrichment);
        Direction d = op == SocketOp.SEND || op == SocketOp.CONNECT ? Direction.OUT : Direction.IN;
        return new SocketEvent(h, op, phase, d, id, family, type, buffer, bytes, status, statusName);
    }
}
