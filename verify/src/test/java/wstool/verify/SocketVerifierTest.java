package wstool.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wstool.core.model.SocketOp.ACCEPT;
import static wstool.core.model.SocketOp.BIND;
import static wstool.core.model.SocketOp.CLEANUP;
import static wstool.core.model.SocketOp.CLOSE;
import static wstool.core.model.SocketOp.CONNECT;
import static wstool.core.model.SocketOp.CREATE;
import static wstool.core.model.SocketOp.LISTEN;
import static wstool.core.model.SocketOp.RECV;
import static wstool.core.model.SocketOp.SEND;
import static wstool.verify.Ev.at;
import static wstool.verify.Ev.t;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import wstool.core.model.NetEvent;
import wstool.core.model.ProcessExit;
import wstool.core.model.Source;

class SocketVerifierTest {
    static final long EP2 = 0xffffa30188c42a10L;

    static VerifyReport run(Object... events) {
        SocketVerifier v = new SocketVerifier();
        feed(v, events);
        return v.report();
    }

    static void feed(SocketVerifier v, Object... events) {
        for (Object o : events) {
            if (o instanceof Object[] a) feed(v, a);
            else if (o instanceof List<?> l) feed(v, l.toArray());
            else v.accept(o instanceof Ev b ? b.build() : (NetEvent) o);
        }
    }

    static NetEvent exit(long millis, long pid) {
        return ProcessExit.of(t(millis), Source.ETW_AFD, pid, "C:\\app\\client.exe", 0);
    }

    /** An AFD-style call: START and COMPLETE. */
    static List<Ev> call(long millis, wstool.core.model.SocketOp op, long id) {
        return List.of(at(millis, op).id(id).start(), at(millis + 1, op).id(id).complete());
    }

    static Object[] seq(Object... parts) {
        List<Object> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) out.addAll(l);
            else if (p instanceof Object[] a) out.addAll(List.of(seq(a)));
            else out.add(p);
        }
        return out.toArray();
    }

    static String codes(VerifyReport r) {
        return r.findings().stream().map(f -> f.code() + ":" + f.severity().label()).collect(Collectors.joining(","));
    }

    /** A well-behaved client: create, connect, send/receive with matching lengths, close. */
    static Object[] cleanClient(long id, long t) {
        return seq(call(t, CREATE, id),
                at(t + 10, CONNECT).id(id).start().remote("198.51.100.7", 443),
                at(t + 20, CONNECT).id(id).complete().remote("198.51.100.7", 443).local("10.0.0.2", 50000),
                at(t + 30, SEND).id(id).start().buffer(512), at(t + 31, SEND).id(id).complete().bytes(512),
                at(t + 40, RECV).id(id).start().buffer(4096), at(t + 45, RECV).id(id).complete().bytes(1000),
                call(t + 50, CLEANUP, id), call(t + 52, CLOSE, id));
    }

    @Test
    void cleanClientHasNoFindingsAndAllLifecycleChecksRan() {
        VerifyReport r = run(cleanClient(Ev.AFD_EP, 0));
        assertEquals("", codes(r));
        for (Check c : List.of(Check.WS001, Check.WS002, Check.WS003, Check.WS004, Check.WS005, Check.WS006, Check.WS007)) {
            assertTrue(r.status(c).ran(), c + " should have run: " + r.status(c).reason());
        }
        assertFalse(r.status(Check.WS009).ran(), "no listen in the trace");
        assertEquals(1L, r.stats().get("sockets created"));
        assertFalse(r.hasErrors());
    }

    @Test
    void leakAtProcessExitIsAnErrorWithCreationAddressesAndBytes() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(10, CONNECT).id(Ev.AFD_EP).start().remote("198.51.100.7", 443),
                at(20, CONNECT).id(Ev.AFD_EP).complete().remote("198.51.100.7", 443).local("10.0.0.2", 50000),
                at(30, SEND).id(Ev.AFD_EP).start().buffer(700), at(31, SEND).id(Ev.AFD_EP).complete().bytes(700),
                cleanClient(EP2, 100), exit(500, 100)));
        assertEquals("WS001:error", codes(r));
        Finding f = r.findings().get(0);
        assertEquals(100, f.pid());
        assertEquals(Ev.AFD_EP, f.endpointId());
        assertEquals(Ev.t(0).toString(), f.details().get("created"));
        assertEquals("198.51.100.7:443", f.details().get("remote"));
        assertEquals("10.0.0.2:50000", f.details().get("local"));
        assertEquals("700", f.details().get("bytesSent"));
        assertEquals("2", f.details().get("family"));
        assertEquals("1", f.details().get("type"));
        assertTrue(f.endpoint().startsWith("0xffffa30188c41e60 TCP 10.0.0.2:50000 -> 198.51.100.7:443"), f.endpoint());
        assertTrue(f.message().contains("never closed before the process exited"), f.message());
        assertEquals(List.of(t(0), t(500)), f.evidence().stream().map(Evidence::timestamp).toList());
        assertTrue(r.hasErrors());
    }

    @Test
    void socketStillOpenAtTraceEndIsAWarningNotAnError() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP), cleanClient(EP2, 100)));
        assertEquals("WS001:warning", codes(r));
        assertTrue(r.findings().get(0).message().contains("still open when the trace ended"));
        assertFalse(r.hasErrors());
    }

    @Test
    void useAfterCloseIsAnErrorWithTheCloseAndTheUseAsEvidence() {
        VerifyReport r = run(seq(cleanClient(Ev.AFD_EP, 0),
                at(200, SEND).id(Ev.AFD_EP).start().buffer(10), at(210, SEND).id(Ev.AFD_EP).start().buffer(10)));
        assertEquals("WS002:error", codes(r));
        Finding f = r.findings().get(0);
        assertEquals(2, f.count(), "both uses counted on one finding");
        assertEquals("CLEANUP START (socket closed)", f.evidence().get(0).event());
        assertEquals(t(50), f.evidence().get(0).timestamp());
        assertEquals("SEND START after close", f.evidence().get(1).event());
        assertEquals(t(200), f.evidence().get(1).timestamp());
        assertTrue(f.message().startsWith("SEND on a socket already closed at " + t(50)), f.message());
    }

    @Test
    void nearMissEndpointAddressReusedByANewCreateIsANewSocket() {
        VerifyReport r = run(seq(cleanClient(Ev.AFD_EP, 0), cleanClient(Ev.AFD_EP, 1000), cleanClient(Ev.AFD_EP, 2000)));
        assertEquals("", codes(r));
        assertEquals(3L, r.stats().get("sockets created"));
        assertEquals(3L, r.stats().get("sockets closed"));
    }

    @Test
    void nearMissCompletionsAndIndicationsAfterCleanupAreNotUseAfterClose() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(10, RECV).id(Ev.AFD_EP).start().buffer(4096),
                at(20, CLEANUP).id(Ev.AFD_EP).start(),
                at(21, RECV).id(Ev.AFD_EP).complete().status(0xC0000120L, "STATUS_CANCELLED"),
                at(22, RECV).id(Ev.AFD_EP).raw("event", "AfdDataIndication").bytes(10),
                at(22, wstool.core.model.SocketOp.ABORT).id(Ev.AFD_EP),
                at(23, CLEANUP).id(Ev.AFD_EP).complete(), call(30, CLOSE, Ev.AFD_EP)));
        assertEquals("WS004:warning", codes(r), "only the cancelled receive is reported, as a failed call");
        assertTrue(r.findings().get(0).message().contains("cancelled"), r.findings().get(0).message());
    }

    @Test
    void nearMissSocketsCreatedBeforeTheTraceAreInfoNeverLeaksNorErrors() {
        VerifyReport r = run(seq(call(0, CREATE, EP2), call(1, CLOSE, EP2),      // the trace has lifecycle events
                at(10, SEND).id(Ev.AFD_EP).start().buffer(20), at(11, SEND).id(Ev.AFD_EP).complete().bytes(20),
                at(12, RECV).id(Ev.AFD_EP).start().buffer(20)));
        assertEquals("WS003:info", codes(r), "an unknown socket still open at the end is not a leak");
        Finding f = r.findings().get(0);
        assertTrue(f.message().contains("created before the trace started"), f.message());
        assertTrue(f.message().contains("not a bug"), f.message());
        assertEquals(3, f.count());
        assertEquals(Ev.AFD_EP, f.endpointId());
        assertFalse(r.hasErrors());
    }

    @Test
    void closingASocketFromBeforeTheTraceIsSilentButUsingItAfterwardsIsCaught() {
        VerifyReport r = run(seq(call(0, CREATE, EP2), call(1, CLOSE, EP2),
                call(10, CLOSE, Ev.AFD_EP), at(20, SEND).id(Ev.AFD_EP).start().buffer(1)));
        assertEquals("WS002:error", codes(r));
    }

    @Test
    void linuxDoubleCloseAndUseOfAClosedFd() {
        VerifyReport r = run(
                at(0, CREATE).linux(5), at(1, CLOSE).linux(5),
                at(2, SEND).linux(5).buffer(4).status(9, "EBADF"),
                at(3, CLOSE).linux(5).status(9, "EBADF"),
                at(10, CREATE).linux(6), at(11, CLOSE).linux(6), at(12, CLOSE).linux(6).status(9, "EBADF"));
        assertEquals("WS002:error,WS002:error,WS004:warning,WS004:warning", codes(r));
        Finding fd5 = r.findings().get(0);
        assertEquals(5, fd5.endpointId());
        assertEquals(2, fd5.count(), "send and second close on the same closed fd");
        assertTrue(fd5.endpoint().startsWith("fd 5"), fd5.endpoint());
        Finding fd6 = r.findings().get(1);
        assertTrue(fd6.message().startsWith("socket closed twice"), fd6.message());
        assertTrue(r.findings().get(2).message().contains("EBADF"));
    }

    @Test
    void linuxAcceptCreatesTheSocketOfTheFdItReturns() {
        VerifyReport r = run(
                at(0, CREATE).linux(3), at(1, BIND).linux(3).local("0.0.0.0", 8080), at(2, LISTEN).linux(3),
                at(5, CREATE).linux(4), at(6, CLOSE).linux(4),                          // fd 4 used and closed
                at(10, ACCEPT).linux(4).remote("10.0.0.9", 40000),                      // accept returns fd 4 again
                at(11, RECV).linux(4).buffer(100).bytes(10), at(12, CLOSE).linux(4),
                at(20, ACCEPT).linux(3).status(11, "EAGAIN"),                           // non-blocking: nothing waiting
                at(30, CLOSE).linux(3));
        assertEquals("WS009:warning", codes(r), "accept's fd is a new socket: neither unknown nor used after close");
        assertEquals(3L, r.stats().get("sockets created"));
    }

    /** .etl files keep per-CPU buffers in file order: events can arrive later than events that followed them. */
    @Test
    void nearMissEventsDeliveredOutOfTimeOrderAreNotMisuse() {
        VerifyReport r = run(seq(
                at(5, SEND).id(Ev.AFD_EP).start().buffer(10),                  // delivered before its socket's create
                at(6, SEND).id(Ev.AFD_EP).complete().bytes(10),
                call(0, CREATE, Ev.AFD_EP),
                at(21, RECV).id(Ev.AFD_EP).complete().bytes(50),               // completion before its start
                at(20, RECV).id(Ev.AFD_EP).start().buffer(100),
                at(30, CLOSE).id(Ev.AFD_EP).start(),
                at(31, CLEANUP).id(Ev.AFD_EP).start(),                         // cleanup delivered after the close
                at(32, CLEANUP).id(Ev.AFD_EP).complete(),
                at(29, SEND).id(Ev.AFD_EP).start().buffer(1),                  // made before the close
                at(31, CLOSE).id(Ev.AFD_EP).complete(),
                at(40, CLEANUP).id(Ev.AFD_EP).start(),
                at(41, SEND).id(EP2).start().buffer(1), call(42, CLOSE, EP2),  // create of EP2 delivered after its close
                call(1, CREATE, EP2)));
        assertEquals("WS002:error", codes(r), "only the second cleanup (at 40 ms) is a real double close");
        assertEquals(t(40), r.findings().get(0).last());
        assertEquals(2L, r.stats().get("sockets created"));
        assertEquals(0L, r.stats().get("sockets seen without create"));
        assertEquals(1L, r.stats().get("calls delivered after the close but made before it (out of order)"));
    }

    /** bpftrace reads per-CPU buffers: a process's syscalls can arrive out of order (seen live: connect first). */
    @Test
    void aUseDeliveredBeforeTheCloseItFollowsIsStillAUseAfterClose() {
        VerifyReport linux = run(at(30, CONNECT).linux(3).remote("127.0.0.1", 9).status(9, "EBADF"),
                at(10, CREATE).linux(3), at(20, CLOSE).linux(3));
        assertEquals("WS002:error,WS004:warning", codes(linux));
        Finding f = linux.findings().get(0);
        assertEquals(List.of(t(20), t(30)), f.evidence().stream().map(Evidence::timestamp).toList());
        assertEquals("CONNECT COMPLETE after close", f.evidence().get(1).event());
        assertEquals(0L, linux.stats().get("sockets seen without create"));

        VerifyReport afd = run(seq(call(0, CREATE, Ev.AFD_EP), at(105, RECV).id(Ev.AFD_EP).start().buffer(10),
                call(101, CLEANUP, Ev.AFD_EP), call(102, CLOSE, Ev.AFD_EP)));
        assertEquals("WS002:error", codes(afd));
    }

    @Test
    void aLateStartStillShowsAnOverlongCompletion() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(21, RECV).id(Ev.AFD_EP).complete().bytes(500), at(20, RECV).id(Ev.AFD_EP).start().buffer(100),
                call(30, CLOSE, Ev.AFD_EP)));
        assertEquals("WS005:error", codes(r));
        assertEquals("100", r.findings().get(0).details().get("posted"));
    }

    @Test
    void aCompletionAfterCloseWithoutProofIsAWarningUntilACallProvesIt() {
        Object[] blockedRecv = {at(0, CREATE).linux(3), at(10, CLOSE).linux(3), at(12, RECV).linux(3).buffer(100).bytes(0)};
        VerifyReport warn = run(blockedRecv);
        assertEquals("WS002:warning", codes(warn));
        assertTrue(warn.findings().get(0).message().startsWith("RECV completed after the socket was closed"),
                warn.findings().get(0).message());
        VerifyReport proven = run(seq(blockedRecv, at(20, SEND).linux(3).buffer(1).status(9, "EBADF")));
        assertEquals("WS002:error,WS004:warning", codes(proven));
        assertEquals(2, proven.findings().get(0).count());
        assertTrue(proven.findings().get(0).message().startsWith("SEND on a socket already closed"));
    }

    @Test
    void failedOperationsAreGroupedByCallAndStatusWithCountsAndFirstLast() {
        VerifyReport r = run(seq(
                at(10, CONNECT).id(Ev.AFD_EP).complete().remote("192.0.2.1", 80).status(0xC0000236L, "STATUS_CONNECTION_REFUSED"),
                at(20, CONNECT).id(EP2).complete().remote("192.0.2.1", 81).status(0xC0000236L, "STATUS_CONNECTION_REFUSED"),
                at(30, CONNECT).id(EP2).complete().remote("192.0.2.1", 82).status(0xC0000236L, "STATUS_CONNECTION_REFUSED"),
                at(40, CONNECT).id(EP2).complete().status(0xC00000B5L, "STATUS_IO_TIMEOUT"),
                at(50, RECV).id(EP2).complete().status(0xC000020DL, "STATUS_CONNECTION_RESET"),
                at(60, RECV).id(EP2).complete().status(0xC00000A3L, "STATUS_DEVICE_NOT_READY"),    // would block
                at(70, CONNECT).id(EP2).complete().status(0x103, "STATUS_PENDING"),             // not a failure
                at(80, CONNECT).id(EP2).start().status(0xC0000236L, "STATUS_CONNECTION_REFUSED"), // starts carry no result
                at(90, CONNECT).pid(200).id(EP2).complete().status(0xC0000236L, "STATUS_CONNECTION_REFUSED")));
        List<Finding> failed = r.findings(Check.WS004);
        assertEquals(4, failed.size(), codes(r));
        Finding refused = failed.get(0);
        assertEquals("CONNECT", refused.details().get("call"));
        assertEquals("STATUS_CONNECTION_REFUSED", refused.details().get("status"));
        assertEquals("0xC0000236", refused.details().get("code"));
        assertEquals(3, refused.count());
        assertEquals(t(10), refused.first());
        assertEquals(t(30), refused.last());
        assertTrue(refused.message().contains("nothing listens on the remote port"), refused.message());
        assertTrue(refused.evidence().get(0).event().contains("to 192.0.2.1:80"), refused.evidence().get(0).event());
        assertEquals("STATUS_IO_TIMEOUT", failed.get(1).details().get("status"));
        assertEquals("STATUS_CONNECTION_RESET", failed.get(2).details().get("status"));
        assertEquals(200, failed.get(3).pid(), "grouped per process");
        assertEquals(1L, r.stats().get("would-block results (not failures)"));
    }

    @Test
    void overlongCompletionAgainstThePostedBufferOfItsStart() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(10, RECV).id(Ev.AFD_EP).start().buffer(100).raw("Buffer", "0x1000"),
                at(11, RECV).id(Ev.AFD_EP).start().buffer(5000).raw("Buffer", "0x2000"),
                at(12, RECV).id(Ev.AFD_EP).complete().bytes(4000).raw("Buffer", "0x2000"),   // fine: buffer 0x2000 had 5000
                at(13, RECV).id(Ev.AFD_EP).complete().bytes(150).raw("Buffer", "0x1000"),    // 150 > 100
                at(20, SEND).linux(7).buffer(10).bytes(11),                                    // single-event form
                call(30, CLOSE, Ev.AFD_EP)));
        List<Finding> over = r.findings(Check.WS005);
        assertEquals(2, over.size(), codes(r));
        Finding f = over.stream().filter(x -> x.endpointId() == Ev.AFD_EP).findFirst().orElseThrow();
        assertEquals("100", f.details().get("posted"));
        assertEquals("150", f.details().get("bytes"));
        assertEquals(t(13), f.first());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith("RECV completed with 150 bytes for a 100-byte buffer"), f.message());
    }

    @Test
    void completionWithoutStartOnlyForSocketsCreatedInTheTrace() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(10, SEND).id(Ev.AFD_EP).complete().bytes(5),
                at(20, SEND).id(EP2).complete().bytes(5),            // unknown socket: its start may predate the trace
                call(30, CLOSE, Ev.AFD_EP)));
        assertEquals("WS003:info,WS006:warning", codes(r));
        assertEquals(t(10), r.findings(Check.WS006).get(0).first());
    }

    @Test
    void sourcesWithoutStartEventsDoNotProduceCompletionWithoutStart() {
        VerifyReport r = run(at(0, CREATE).id(Ev.AFD_EP), at(10, SEND).id(Ev.AFD_EP).complete().buffer(5).bytes(5),
                at(20, CLOSE).id(Ev.AFD_EP));
        assertEquals("", codes(r));
        assertFalse(r.status(Check.WS006).ran());
        assertTrue(r.status(Check.WS006).reason().contains("no separate call start"), r.status(Check.WS006).reason());
    }

    @Test
    void hungCallsAtTraceEnd() {
        SocketVerifier v = new SocketVerifier(new VerifierLimits(10, 10, 10, 10, 10, Duration.ofSeconds(2)));
        feed(v, seq(call(0, CREATE, Ev.AFD_EP), call(0, CREATE, EP2),
                at(100, CONNECT).id(Ev.AFD_EP).start().remote("192.0.2.9", 443),
                at(200, ACCEPT).id(EP2).start(),
                at(9_000, SEND).id(EP2).start().buffer(3),                   // only 1 s before the end: not hung
                call(9_500, CREATE, 0x42L), call(9_600, CLOSE, 0x42L),
                at(10_000, RECV).id(0x42L).complete()));
        VerifyReport r = v.report();
        List<Finding> hung = r.findings(Check.WS007);
        assertEquals(2, hung.size(), codes(r));
        Finding connect = hung.stream().filter(f -> f.endpointId() == Ev.AFD_EP).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, connect.severity());
        assertTrue(connect.message().startsWith("CONNECT started at " + t(100) + " had not completed 9.9 s later"), connect.message());
        Finding accept = hung.stream().filter(f -> f.endpointId() == EP2).findFirst().orElseThrow();
        assertEquals(Severity.INFO, accept.severity(), "a waiting accept is normal for a server");
    }

    @Test
    void liveTracesEndAtTheWallClockNotAtTheLastEvent() {
        java.time.Instant now = java.time.Instant.now();
        SocketVerifier v = new SocketVerifier().live(true);
        SocketVerifier offline = new SocketVerifier();
        Object[] events = seq(call(0, CREATE, Ev.AFD_EP), at(1, CONNECT).id(Ev.AFD_EP).start());
        feed(v, events);
        feed(offline, events);
        assertEquals(t(1), offline.report().traceEnd());
        assertTrue(!v.report().traceEnd().isBefore(now), "live: ended now, not in 2026");
        assertEquals(1, v.report().findings(Check.WS007).size(), "the connect is pending since the event time");
        assertEquals(0, offline.report().findings(Check.WS007).size(), "1 ms before the last event: not hung");
    }

    @Test
    void dropListedPeerGroupedPerProcessAndAddress() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(10, CONNECT).id(Ev.AFD_EP).complete().remote("192.0.2.66", 443).drop("SBL123456"),
                at(20, SEND).id(Ev.AFD_EP).complete().remote("192.0.2.66", 443).drop("SBL123456").bytes(1),
                at(30, SEND).id(Ev.AFD_EP).complete().remote("198.51.100.1", 443).bytes(1),
                call(40, CLOSE, Ev.AFD_EP)));
        List<Finding> drop = r.findings(Check.WS008);
        assertEquals(1, drop.size(), codes(r));
        Finding f = drop.get(0);
        assertEquals(2, f.count());
        assertEquals("SBL123456", f.details().get("dropId"));
        assertEquals("AS64500 Bad AS", f.details().get("asn"));
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("Spamhaus DROP (SBL123456)"));
        assertTrue(r.status(Check.WS008).ran());

        SocketVerifier noDrop = new SocketVerifier().dropListLoaded(false);
        feed(noDrop, at(10, CONNECT).id(Ev.AFD_EP).complete().remote("198.51.100.1", 443)
                .drop(null));                                    // enriched (country, ASN) but no DROP data loaded
        assertFalse(noDrop.report().status(Check.WS008).ran());
        assertTrue(noDrop.report().status(Check.WS008).reason().startsWith("no Spamhaus DROP list loaded"));
    }

    @Test
    void listeningOnAllInterfacesButNotOnLoopback() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP),
                at(1, BIND).id(Ev.AFD_EP).start(), at(2, BIND).id(Ev.AFD_EP).complete().local("0.0.0.0", 8080),
                call(3, LISTEN, Ev.AFD_EP),
                call(10, CREATE, EP2),
                at(11, BIND).id(EP2).complete().local("127.0.0.1", 9090), call(12, LISTEN, EP2),
                at(20, CREATE).linux(3).pid(300), at(21, BIND).linux(3).pid(300).local("::", 22),
                at(22, LISTEN).linux(3).pid(300),
                call(30, CLOSE, Ev.AFD_EP), call(31, CLOSE, EP2), at(40, CLOSE).linux(3).pid(300)));
        List<Finding> all = r.findings(Check.WS009);
        assertEquals(2, all.size(), codes(r));
        assertEquals("0.0.0.0:8080", all.get(0).details().get("local"));
        assertEquals("[::]:22", all.get(1).details().get("local"));
        assertEquals(Severity.WARNING, all.get(0).severity());
    }

    @Test
    void kernelNetworkStyleEventsSayWhichChecksCouldNotRun() {
        VerifyReport r = run(at(0, SEND).id(-1).noStatus().source(Source.ETW_KERNEL_NETWORK).bytes(100).remote("192.0.2.1", 80),
                at(1, RECV).id(-1).noStatus().source(Source.ETW_KERNEL_NETWORK).bytes(100).remote("192.0.2.1", 80));
        assertEquals("", codes(r));
        for (Check c : List.of(Check.WS001, Check.WS002, Check.WS003)) {
            assertFalse(r.status(c).ran(), c.toString());
            assertTrue(r.status(c).reason().contains("Kernel-Network events have no socket id"), r.status(c).reason());
        }
        assertFalse(r.status(Check.WS004).ran());
        assertFalse(r.status(Check.WS006).ran());
        assertFalse(r.status(Check.WS008).ran());
        assertTrue(r.status(Check.WS008).reason().contains("not enriched"), r.status(Check.WS008).reason());
        assertEquals(2L, r.stats().get("socket events"));
    }

    @Test
    void noEventsAtAll() {
        VerifyReport r = run();
        for (CheckStatus s : r.checks()) {
            assertFalse(s.ran());
            assertTrue(s.reason().startsWith("no socket events at all"));
        }
    }

    @Test
    void unattributedEventsAreAttributedThroughTheSocketsOwner() {
        VerifyReport r = run(seq(cleanClient(Ev.AFD_EP, 0), at(100, SEND).pid(-1).id(Ev.AFD_EP).start().buffer(1)));
        assertEquals("WS002:error", codes(r));
        assertEquals(100, r.findings().get(0).pid());
    }

    @Test
    void afterAProcessExitsItsPidStartsAfresh() {
        VerifyReport r = run(seq(cleanClient(Ev.AFD_EP, 0), exit(100, 100),
                at(200, SEND).id(Ev.AFD_EP).start().buffer(1), at(201, SEND).id(Ev.AFD_EP).complete().bytes(1)));
        assertEquals("WS003:info", codes(r), "a reused pid is a new process: its socket is unknown, not used after close");
    }

    @Test
    void eventsOfAnExitedProcessDeliveredLateAreNotANewProcess() {
        VerifyReport r = run(seq(call(0, CREATE, Ev.AFD_EP), exit(100, 100),
                at(50, SEND).id(EP2).start().buffer(1),                     // before the exit, delivered after it
                call(60, CLOSE, Ev.AFD_EP)));
        assertEquals("", codes(r), "the close at 60 ms withdraws the leak; the send is no unknown socket either");
        assertEquals(3L, r.stats().get("events delivered after their process's exit (out of order; not checked)"));
        assertEquals("WS001:error", codes(run(seq(call(0, CREATE, Ev.AFD_EP), exit(100, 100), call(150, CLOSE, Ev.AFD_EP)))),
                "a close after the exit is a new process's (pid reuse): the leak stands");
    }

    @Test
    void memoryIsBoundedAndWhatWasForgottenIsCounted() {
        SocketVerifier v = new SocketVerifier(new VerifierLimits(2, 3, 2, 2, 2, Duration.ofSeconds(1)));
        for (int i = 1; i <= 10; i++) feed(v, call(i * 10L, CREATE, i));             // 7 of 10 evicted
        for (int i = 0; i < 3; i++) feed(v, at(150 + i, SEND).id(10).start().buffer(1)); // 1 of 3 pending forgotten
        for (int i = 1; i <= 5; i++) feed(v, at(200 + i, SEND).id(i).start().buffer(1)); // evicted: unknown now, 5 more evictions
        for (int p = 1000; p < 1004; p++) {
            long pid = p;
            feed(v, call(300, CREATE, 99).stream().map(e -> e.pid(pid)).toArray());  // pid 100, 1000, 1001 evicted
        }
        VerifyReport r = v.report();
        assertEquals(12L, r.stats().get("open sockets evicted (memory bound; later events on them show as WS003)"));
        assertEquals(1L, r.stats().get("pending calls forgotten (memory bound)"));
        assertEquals(3L, r.stats().get("processes evicted (memory bound)"));
        assertEquals(3L, r.stats().get("findings suppressed (more than 2 per process and check)"));
        assertEquals(2, r.findings().stream().filter(f -> f.pid() == 100 && f.check() == Check.WS003).count());
    }

    @Test
    void snapshotIsSafeWhileEventsArrive() throws Exception {
        SocketVerifier v = new SocketVerifier();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                long id = 0x1000 + (i % 50);
                v.accept(at(i, CREATE).id(id).build());
                v.accept(at(i, CLOSE).id(id).build());
                if (i % 100 == 0) v.accept(at(i, SEND).id(id).buffer(1).build());   // use after close, 200 times
            }
        });
        producer.start();
        long seen = 0;
        while (producer.isAlive()) {
            VerifySnapshot s = v.snapshot();
            assertTrue(s.findings().size() >= seen, "findings only grow");
            seen = s.findings().size();
            assertFalse(s.finished());
        }
        producer.join();
        VerifySnapshot end = v.snapshot();
        assertEquals(40_200, end.events(), "every event seen once");
        assertEquals(100, end.findings().size(), "one WS002 per misused socket instance, at most 100 per process");
        assertEquals(100, end.errors());
        v.close();
        assertTrue(v.snapshot().finished());
        assertNotNull(v.report());
    }
}
