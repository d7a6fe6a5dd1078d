package wstool.etw.live;

import wstool.core.filter.TraceTarget;

import com.sun.jna.platform.win32.WinError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wstool.core.model.EventHeader;
import wstool.core.model.ProcessExit;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.pipeline.Emitter;
import wstool.etw.Fixtures;
import wstool.etw.decode.EventDecoder;
import wstool.etw.decode.EventRecordView;
import wstool.etw.etl.EtlReader;
import wstool.win32.DevicePaths;
import wstool.win32.PrivilegeException;
import wstool.win32.WindowsApiException;

/** The real consumer (session, OpenTrace/ProcessTrace, callback, decoding, filtering) driven by {@link FakeEtw}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtwLiveSourceTest {

    private static final UUID OTHER_PROVIDER = UUID.fromString("0b0b0b0b-1111-2222-3333-444455556666");
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final String OWN_SESSION = EtwLiveSource.SESSION_PREFIX + ProcessHandle.current().pid();
    /** The DOS device table of the machine in these tests: drive C: is the second volume. */
    static final DevicePaths DEVICES = new DevicePaths(() -> java.util.Map.of("C:", "\\Device\\HarddiskVolume2"),
            System::nanoTime, Duration.ofMinutes(5));

    private final FakeEtw fake = new FakeEtw();
    private final List<NetEvent> emitted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> status = Collections.synchronizedList(new ArrayList<>());

    private EtwLiveSource.Builder source() {
        return EtwLiveSource.builder().api(fake).tdh(fake).shutdownHook(false)
                .processNames(new ProcessNames(pid -> Optional.empty(), DEVICES))
                .status(status::add);
    }

    /** Runs the source on a thread; returns the thread and where its failure lands. */
    private Thread start(EtwLiveSource s, AtomicReference<Throwable> failure) {
        Emitter emitter = e -> emitted.add(e);
        Thread t = new Thread(() -> {
            try {
                s.run(emitter);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        return t;
    }

    /** Runs the source until the script is delivered, then stops it as Ctrl-C would. */
    private EtwLiveSource runToEnd(EtwLiveSource.Builder b, FakeEtw f) throws Exception {
        EtwLiveSource s = b.build();
        f.afterScript = s::stop;
        s.run(e -> emitted.add(e));
        return s;
    }

    private void assertNothingLeft() {
        assertEquals(List.of(), List.copyOf(fake.activeSessions), "sessions left running");
        assertFalse(fake.anyTraceOpen(), "trace left open");
    }

    @Test
    void staleSessionIsStoppedAndStartRetriedOnce() throws Exception {
        fake.activeSessions.add(OWN_SESSION);
        EtwLiveSource s = source().build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(s, failure);
        assertTrue(fake.delivered.await(10, TimeUnit.SECONDS));
        s.stop();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertNull(failure.get());
        assertEquals(List.of("QueryAllTracesW", "StartTraceW " + OWN_SESSION + " -> 183",
                "ControlTraceW " + OWN_SESSION + " STOP -> 0", "StartTraceW " + OWN_SESSION + " -> 0"),
                fake.calls.subList(0, 4));
        assertEquals("stopped", s.stopReason());
        assertNothingLeft();
    }

    @Test
    void providersEnabledWithAllKeywordsAtVerbose() throws Exception {
        EtwLiveSource s = source().build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(s, failure);
        assertTrue(fake.delivered.await(10, TimeUnit.SECONDS));
        s.stop();
        t.join(10_000);
        assertEquals(List.of(EtwProvider.WINSOCK_AFD.guid(), EtwProvider.NAME_RESOLUTION.guid(),
                EtwProvider.KERNEL_NETWORK.guid()), fake.enabled);
        assertEquals(List.of(-1L, -1L, -1L), fake.enabledKeywords);
        assertEquals(List.of((byte) 5, (byte) 5, (byte) 5), fake.enabledLevels);
        assertNothingLeft();
    }

    /** One readiness line once the session runs and every provider is enabled, before the first event is handled. */
    @Test
    void readinessLineOnceProvidersAreEnabled() throws Exception {
        List<String> enabledAtReady = new ArrayList<>();
        EtwLiveSource s = source().target(TraceTarget.program("curl")).status(line -> {
            if (line.startsWith(EtwLiveSource.READY)) {
                enabledAtReady.addAll(fake.enabled.stream().map(UUID::toString).toList());
            }
            status.add(line);
        }).build();
        assertFalse(s.ready());
        fake.afterScript = s::stop;
        s.run(e -> emitted.add(e));
        assertTrue(s.ready());
        List<String> ready = status.stream().filter(l -> l.startsWith(EtwLiveSource.READY)).toList();
        assertEquals(List.of("ready: tracing curl.exe (ETW session " + OWN_SESSION + ": Microsoft-Windows-Winsock-AFD,"
                + " Microsoft-Windows-Winsock-NameResolution, Microsoft-Windows-Kernel-Network,"
                + " Microsoft-Windows-Kernel-Process)"), ready);
        assertEquals(4, enabledAtReady.size(), "all providers enabled before the line: " + enabledAtReady);
    }

    @Test
    void accessDeniedIsAPrivilegeErrorNamingWhoMayTrace() {
        fake.startTraceResults.add(WinError.ERROR_ACCESS_DENIED);
        PrivilegeException e = assertThrows(PrivilegeException.class, () -> source().build().run(ev -> true));
        assertEquals(5, e.code());
        assertEquals("StartTraceW", e.api());
        assertEquals("Administrator or a member of Performance Log Users", e.requirement());
        assertTrue(e.getMessage().startsWith("cannot start the ETW session " + OWN_SESSION
                + ": StartTraceW failed with error 5"), e.getMessage());
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("OpenTraceW")));
        assertNothingLeft();
    }

    @Test
    void noSystemResourcesExplainsTheSessionLimit() {
        fake.startTraceResults.add(WinError.ERROR_NO_SYSTEM_RESOURCES);
        WindowsApiException e = assertThrows(WindowsApiException.class, () -> source().build().run(ev -> true));
        assertEquals(1450, e.code());
        assertTrue(e.getMessage().contains("at most 64 ETW sessions"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void stillExistingAfterRetryIsAnError() {
        fake.activeSessions.add(OWN_SESSION);
        fake.startTraceResults.add(0);
        fake.startTraceResults.add(WinError.ERROR_ALREADY_EXISTS);
        WindowsApiException e = assertThrows(WindowsApiException.class, () -> source().build().run(ev -> true));
        assertEquals(183, e.code());
        assertTrue(e.getMessage().contains("logman stop " + OWN_SESSION + " -ets"), e.getMessage());
    }

    @Test
    void enableFailureAndOpenFailureStopTheSession() {
        fake.enableResult = WinError.ERROR_ACCESS_DENIED;
        WindowsApiException e = assertThrows(PrivilegeException.class, () -> source().build().run(ev -> true));
        assertTrue(e.getMessage().contains("EnableTraceEx2 failed with error 5"), e.getMessage());
        assertNothingLeft();
        fake.enableResult = 0;
        fake.failOpenTrace = true;
        fake.openTraceLastError = 1168; // ERROR_NOT_FOUND: the reason is GetLastError's, not a made-up -1
        e = assertThrows(WindowsApiException.class, () -> source().build().run(ev -> true));
        assertTrue(e.getMessage().contains("cannot open the real-time ETW session " + OWN_SESSION), e.getMessage());
        assertEquals(1168, e.code());
        assertTrue(e.getMessage().contains("OpenTraceW failed with error 1168"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void processTraceFailureIsReportedAfterCleanup() {
        fake.returnAfterScript = true;
        fake.processTraceResult = WinError.ERROR_ACCESS_DENIED;
        PrivilegeException e = assertThrows(PrivilegeException.class, () -> source().build().run(ev -> true));
        assertEquals(5, e.code());
        assertTrue(e.getMessage().contains("ProcessTrace failed with error 5"), e.getMessage());
        assertNothingLeft();
    }

    /**
     * Two traces at once: each has a session of its own (prefix + PID), and starting one stops only a session whose
     * owner no longer runs. Before, one fixed name and "stop the stale one on 183" made a second trace kill the first.
     */
    @Test
    void sessionPerInstanceAndOnlyAbandonedOnesAreStopped() throws Exception {
        String running = EtwLiveSource.SESSION_PREFIX + "1111";
        String abandoned = EtwLiveSource.SESSION_PREFIX + "2222";
        fake.activeSessions.addAll(List.of("EventLog-System", running, abandoned, EtwLiveSource.SESSION_PREFIX + "x"));
        EtwLiveSource s = source().exitWatcher(pid -> pid == 1111 ? Optional.of(new CompletableFuture<>())
                : Optional.empty()).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(s, failure);
        assertTrue(fake.delivered.await(10, TimeUnit.SECONDS));
        assertTrue(fake.activeSessions.contains(OWN_SESSION), fake.activeSessions.toString());
        assertTrue(fake.activeSessions.contains(running), "a running ws_tool's session is left alone");
        assertFalse(fake.activeSessions.contains(abandoned), "the session of a ws_tool that is gone is stopped");
        assertTrue(fake.activeSessions.contains("EventLog-System"));
        s.stop();
        t.join(10_000);
        assertNull(failure.get());
        assertTrue(status.contains("ETW: stopped the session " + abandoned
                + " left behind by a ws_tool that is no longer running"), status.toString());
        assertEquals(List.of("EventLog-System", running, EtwLiveSource.SESSION_PREFIX + "x"),
                List.copyOf(fake.activeSessions));
    }

    /** ProcessTrace returning by itself with success means the session was stopped elsewhere: an error, exit 1. */
    @Test
    void sessionStoppedFromOutsideIsReportedAsSuch() throws Exception {
        fake.script.add(afd(1000, 4242, le().u32(1).u32(7).u64(1).u64(2).u32(2).u32(1).u32(6).u64(4242).u32(0)));
        fake.returnAfterScript = true;
        EtwException e = assertThrows(EtwException.class, () -> source().build().run(ev -> emitted.add(ev)));
        assertEquals("the ETW session " + OWN_SESSION + " was stopped from outside ws_tool (by 'logman stop',"
                + " another tool, or the system); the events up to then were kept", e.getMessage());
        assertEquals(1, emitted.size(), "what arrived before is kept");
        assertNothingLeft();
    }

    @Test
    void eventIdFilterIsPassedAsEventFilterEventId() {
        EtwSession session = new EtwSession(fake, "filter-test");
        session.start();
        session.enable(EtwProvider.WINSOCK_AFD.guid(), EtwProvider.ALL_KEYWORDS, List.of(1000, 1018, 1003));
        assertEquals(List.of(1000, 1018, 1003), fake.filteredEventIds);
        assertEquals(1, fake.filterIn);
        session.stop();
        session.stop(); // idempotent
        assertEquals(1, fake.calls.stream().filter(c -> c.startsWith("ControlTraceW filter-test STOP")).count());
        assertNothingLeft();
    }

    /** The real Kernel-Network capture: what the live path emits equals what the offline decoder makes of it. */
    @Test
    void kernelNetworkCaptureLiveEqualsOffline() throws Exception {
        List<NetEvent> offline = new ArrayList<>();
        EventDecoder offlineDecoder = new EventDecoder();
        // in timestamp order, as one shared buffer delivers them (file order jumps back across CPU buffers)
        try (EtlReader reader = EtlReader.openTimeOrdered(Fixtures.kernelNetworkEtl())) {
            for (EventRecordView v = reader.next(); v != null; v = reader.next()) {
                if (!v.providerIs(EventDecoder.KERNEL_NETWORK)) {
                    continue;
                }
                fake.script.add(liveRecord(v));
                offline.add(truncateTo100ns(offlineDecoder.decode(v)));
            }
        }
        assertEquals(8923, fake.script.size(), "Kernel-Network events in the capture (fixture README)");
        EtwLiveSource s = runToEnd(source(), fake);
        assertEquals(offline.size(), emitted.size());
        for (int i = 0; i < offline.size(); i++) {
            assertEquals(offline.get(i), emitted.get(i), "event " + i);
        }
        assertTrue(emitted.stream().filter(e -> e instanceof SocketEvent).count() > 8000);
        assertEquals("stopped", s.stopReason());
        assertEquals(0, fake.tdhCalls, "manifest schemas cover Kernel-Network: TDH is not asked");
        assertNothingLeft();
    }

    /** Synthesised Winsock-AFD payloads (Windows 10 templates): create, connect, send, close of one endpoint. */
    @Test
    void afdEventsLiveEqualOfflineAndAreAttributed() throws Exception {
        long eproc = 0xffffa00012340080L;
        long endpoint = 0xffffb00000002000L;
        byte[] sa = sockaddrIn(new byte[] {127, 0, 0, 1}, 50123);
        List<LiveEventRecord> records = List.of(
                afd(1000, 4242, le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(2).u32(1).u32(6).u64(4242).u32(0)),
                afd(1018, 4242, le().u32(0).u32(7).u64(eproc).u64(endpoint).u64(0).u32(0).u32(0).u32(sa.length)
                        .bytes(sa)),
                afd(1003, 4242, le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(1).u64(0x1000).u32(512).u32(0)),
                afd(1001, 4242, le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(0)));
        fake.script.addAll(records);
        EventDecoder offlineDecoder = new EventDecoder();
        List<NetEvent> offline = new ArrayList<>();
        for (LiveEventRecord r : records) {
            offline.add(offlineDecoder.decode(ManifestLiveDecoder.fill(new EventRecordView(), r)));
        }
        runToEnd(source().target(TraceTarget.pid(4242)).exitWatcher(pid -> Optional.of(new CompletableFuture<>())),
                fake);
        assertEquals(offline, emitted);
        List<SocketOp> ops = emitted.stream().map(e -> ((SocketEvent) e).op()).toList();
        assertEquals(List.of(SocketOp.CREATE, SocketOp.CONNECT, SocketOp.SEND, SocketOp.CLOSE), ops);
        assertEquals("127.0.0.1:50123", emitted.get(1).header().remote().toString());
        assertTrue(emitted.stream().allMatch(e -> e.header().pid() == 4242));
        assertNothingLeft();
    }

    /**
     * The services a process hosts are added to its name: the AFD events of PID 4242 (an svchost hosting Dnscache and
     * CryptSvc, one ENUM_SERVICE_STATUS_PROCESSW record each at x64 offsets) read "svchost.exe (CryptSvc, Dnscache)".
     */
    @Test
    void svchostEventsNameTheirServices() throws Exception {
        long eproc = 0xffffa00012340080L;
        long endpoint = 0xffffb00000002000L;
        fake.script.add(afd(1000, 4242, le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(2).u32(1).u32(6).u64(4242).u32(0)));
        fake.script.add(afd(1001, 4242, le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(0)));
        String[][] table = {{"Dnscache", "4242"}, {"CryptSvc", "4242"}, {"Spooler", "77"}};
        wstool.win32.ServiceNames.Api scm = new wstool.win32.ServiceNames.Api() {
            @Override public com.sun.jna.platform.win32.Winsvc.SC_HANDLE OpenSCManager(String m, String d, int a) {
                com.sun.jna.platform.win32.Winsvc.SC_HANDLE h = new com.sun.jna.platform.win32.Winsvc.SC_HANDLE();
                h.setPointer(new com.sun.jna.Memory(8));
                return h;
            }
            @Override public boolean EnumServicesStatusEx(com.sun.jna.platform.win32.Winsvc.SC_HANDLE h, int level,
                    int type, int state, com.sun.jna.Pointer buf, int size, com.sun.jna.ptr.IntByReference need,
                    com.sun.jna.ptr.IntByReference got, com.sun.jna.ptr.IntByReference resume, String group) {
                int bytes = 56 * table.length + 64 * table.length;
                if (size < bytes) {
                    need.setValue(bytes);
                    return false;
                }
                for (int i = 0; i < table.length; i++) {
                    long name = 56L * table.length + 64L * i;
                    byte[] b = (table[i][0] + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
                    buf.write(name, b, 0, b.length);
                    buf.setPointer(56L * i, buf.share(name));
                    buf.setInt(56L * i + 44, Integer.parseInt(table[i][1])); // ServiceStatusProcess.dwProcessId
                }
                got.setValue(table.length);
                return true;
            }
            @Override public boolean CloseServiceHandle(com.sun.jna.platform.win32.Winsvc.SC_HANDLE h) { return true; }
            @Override public int lastError() { return com.sun.jna.platform.win32.WinError.ERROR_MORE_DATA; }
        };
        runToEnd(source().processNames(new ProcessNames(pid -> Optional.of("C:\\Windows\\System32\\svchost.exe"),
                DEVICES)).services(new wstool.win32.ServiceNames(scm, System::nanoTime, Duration.ofSeconds(2))), fake);
        assertEquals(2, emitted.size(), emitted.toString());
        for (NetEvent e : emitted) {
            assertEquals("C:\\Windows\\System32\\svchost.exe (CryptSvc, Dnscache)", e.header().process());
            assertEquals("svchost.exe (CryptSvc, Dnscache)", ProcessNames.fileName(e.header().process()));
        }
        assertNothingLeft();
    }

    /**
     * A completion of an endpoint never seen created: the decoder cannot attribute it. The header PID of a kernel
     * provider's completion is whatever ran when it was logged (EVENT_HEADER.ProcessId, evntcons.h: "the process
     * that generated the event" - for AFD completions an unrelated process), so it must not be used.
     */
    @Test
    void unattributedAfdEventsStayUnattributed() throws Exception {
        long eproc = 0xffffa00099990080L;
        long endpoint = 0xffffb00000009000L;
        LiveEventRecord completion = afd(1003, 999,
                le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(1).u64(0x1000).u32(512).u32(0));
        fake.script.add(completion);
        ProcessNames names = new ProcessNames(pid -> Optional.of("C:\\x\\unrelated.exe"), DEVICES);
        runToEnd(source().processNames(names), fake);
        assertEquals(1, emitted.size(), emitted.toString());
        assertEquals(EventHeader.UNKNOWN_PID, emitted.get(0).header().pid(), "--all: shown as unattributed");
        assertNull(emitted.get(0).header().process());

        emitted.clear();
        FakeEtw second = new FakeEtw();
        second.script.add(completion);
        runToEnd(EtwLiveSource.builder().api(second).tdh(second).shutdownHook(false).processNames(names)
                .target(TraceTarget.pid(999)).exitWatcher(pid -> Optional.of(new CompletableFuture<>())), second);
        assertEquals(List.of(), emitted, "--pid 999 must not take an event only the header PID names");
    }

    /**
     * Events of two CPUs arrive swapped (a send delivered before the create of its endpoint): the session asks for
     * one shared buffer, and the consumer puts what still arrives swapped back into timestamp order, so the send is
     * attributed through the create as offline.
     */
    @Test
    void oneSharedBufferAndSwappedEventsPutBackInOrder() throws Exception {
        long eproc = 0xffffa00012340080L;
        long endpoint = 0xffffb00000002000L;
        LiveEventRecord create = afd(1000, 4242,
                le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(2).u32(1).u32(6).u64(4242).u32(0));
        LiveEventRecord send = afd(1003, 4, // completion logged in the System process
                le().u32(1).u32(7).u64(eproc).u64(endpoint).u32(1).u64(0x1000).u32(512).u32(0));
        assertTrue(send.timestamp() > create.timestamp());
        fake.script.add(send);
        fake.script.add(create);
        runToEnd(source(), fake);
        assertEquals(Evntrace.EVENT_TRACE_REAL_TIME_MODE | Evntrace.EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING,
                fake.startedLogFileMode);
        List<SocketOp> ops = emitted.stream().map(e -> ((SocketEvent) e).op()).toList();
        assertEquals(List.of(SocketOp.CREATE, SocketOp.SEND), ops);
        assertEquals(4242, emitted.get(1).header().pid(), "the send attributed through its endpoint's create");
    }

    @Test
    void pidModeFiltersInTheConsumerAndStopsWhenTheProcessExits() throws Exception {
        fake.tdh(OTHER_PROVIDER, 7, 0, FakeEtw.traceEventInfo(OTHER_PROVIDER, 7, 0,
                "Test-Provider", new String[] {"Port", "Name"}, new int[] {6, 1}));
        byte[] payload = le().u16(8080).bytes("hi\0".getBytes(StandardCharsets.UTF_16LE)).build();
        fake.script.add(other(7, 4242, payload));
        fake.script.add(other(7, 999, payload));
        CompletableFuture<Void> exit = new CompletableFuture<>();
        EtwLiveSource s = source().providers(List.of(EtwProvider.parse(OTHER_PROVIDER.toString())))
                .target(TraceTarget.pid(4242)).exitWatcher(pid -> pid == 4242 ? Optional.of(exit) : Optional.empty())
                .build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(s, failure);
        assertTrue(fake.delivered.await(10, TimeUnit.SECONDS));
        exit.complete(null);
        t.join(10_000);
        assertFalse(t.isAlive());
        assertNull(failure.get());
        assertEquals("process 4242 exited", s.stopReason());
        assertEquals(1, emitted.size(), emitted.toString());
        RawEvent e = assertInstanceOf(RawEvent.class, emitted.get(0));
        assertEquals(4242, e.header().pid());
        assertEquals("8080", e.header().raw().get("Port"));
        assertEquals("hi", e.header().raw().get("Name"));
        assertEquals("Test-Provider", e.provider());
        assertEquals(2, fake.tdhCalls, "TDH asked once per (provider, id, version): size, then data");
        assertNothingLeft();
    }

    /** Classic events share id 0 and differ by opcode: each opcode gets its own TDH schema. */
    @Test
    void tdhSchemasAreKeptApartByOpcode() throws Exception {
        fake.tdh(OTHER_PROVIDER, 0, 2, 32, FakeEtw.traceEventInfo(OTHER_PROVIDER, 0, 2, "Classic",
                new String[] {"LostCount"}, new int[] {8}));
        fake.tdh(OTHER_PROVIDER, 0, 2, 33, FakeEtw.traceEventInfo(OTHER_PROVIDER, 0, 2, "Classic",
                new String[] {"BufferId"}, new int[] {6}));
        fake.script.add(new LiveEventRecord(OTHER_PROVIDER, 0, 2, 0, 4, 32, 0, 0, 0x0040, 0, 77, 1, filetime(T0),
                le().u32(5).build(), List.of()));
        fake.script.add(new LiveEventRecord(OTHER_PROVIDER, 0, 2, 0, 4, 33, 0, 0, 0x0040, 0, 77, 1,
                filetime(T0.plusMillis(1)), le().u16(9).build(), List.of()));
        runToEnd(source().providers(List.of(EtwProvider.parse(OTHER_PROVIDER.toString()))), fake);
        assertEquals(2, emitted.size(), emitted.toString());
        assertEquals("5", emitted.get(0).header().raw().get("LostCount"));
        assertEquals("9", emitted.get(1).header().raw().get("BufferId"));
        assertNull(emitted.get(1).header().raw().get("LostCount"), "opcode 33 decoded with opcode 32's schema");
    }

    @Test
    void pidThatDoesNotExistIsAClearError() {
        EtwException e = assertThrows(EtwException.class, () -> source().target(TraceTarget.pid(31337))
                .exitWatcher(pid -> Optional.empty()).build().run(ev -> true));
        assertEquals("no process with PID 31337 is running", e.getMessage());
        assertTrue(fake.calls.isEmpty());
    }

    @Test
    void exeModeFollowsProcessesStartedLater() throws Exception {
        UUID kp = EtwProvider.KERNEL_PROCESS.guid();
        fake.tdh(kp, 1, 3, FakeEtw.traceEventInfo(kp, 1, 3,
                "Microsoft-Windows-Kernel-Process", new String[] {"ProcessID", "CreateTime", "ParentProcessID",
                        "SessionID", "Flags", "ImageName"}, new int[] {8, 17, 8, 8, 8, 1}));
        fake.tdh(OTHER_PROVIDER, 7, 0, FakeEtw.traceEventInfo(OTHER_PROVIDER, 7, 0,
                "Test-Provider", new String[] {"Port"}, new int[] {6}));
        String image = "\\Device\\HarddiskVolume2\\Windows\\System32\\WindowsPowerShell\\v1.0\\PowerShell.exe";
        byte[] start = le().u32(777).u64(133_000_000_000_000_000L).u32(4).u32(1).u32(0)
                .bytes((image + "\0").getBytes(StandardCharsets.UTF_16LE)).build();
        fake.script.add(record(kp, 1, 3, 4, start));
        fake.script.add(other(7, 777, le().u16(1).build()));
        fake.script.add(other(7, 778, le().u16(2).build()));
        runToEnd(source().providers(List.of(EtwProvider.parse(OTHER_PROVIDER.toString())))
                .target(TraceTarget.program("powershell")), fake);
        assertTrue(fake.enabled.contains(kp), "Kernel-Process enabled to follow new processes");
        assertEquals(0x10L, fake.enabledKeywords.get(fake.enabled.indexOf(kp)));
        assertEquals(1, emitted.size(), emitted.toString());
        EventHeader h = emitted.get(0).header();
        assertEquals(777, h.pid());
        // Kernel-Process's device path in the drive form handle look-ups and WFP give
        assertEquals("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\PowerShell.exe", h.process());
        assertNothingLeft();
    }

    @Test
    void exeModeEmitsProcessExitForTheTracedProcesssStop() throws Exception {
        UUID kp = EtwProvider.KERNEL_PROCESS.guid();
        fake.tdh(kp, 1, 3, FakeEtw.traceEventInfo(kp, 1, 3,
                "Microsoft-Windows-Kernel-Process", new String[] {"ProcessID", "CreateTime", "ParentProcessID",
                        "SessionID", "Flags", "ImageName"}, new int[] {8, 17, 8, 8, 8, 1}));
        // ProcessStop version 2 as the manifest has it: UInt32 UInt64 FILETIME FILETIME UInt32 UInt32 UInt32 UInt64
        // UInt64 UInt64 UInt32 x5, AnsiString
        fake.tdh(kp, 2, 2, FakeEtw.traceEventInfo(kp, 2, 2,
                "Microsoft-Windows-Kernel-Process", new String[] {"ProcessID", "ProcessSequenceNumber", "CreateTime",
                        "ExitTime", "ExitCode", "TokenElevationType", "HandleCount", "CommitCharge", "CommitPeak",
                        "CPUCycleCount", "ReadOperationCount", "WriteOperationCount", "ReadTransferKiloBytes",
                        "WriteTransferKiloBytes", "HardFaultCount", "ImageName"},
                new int[] {8, 10, 17, 17, 8, 8, 8, 10, 10, 10, 8, 8, 8, 8, 8, 2}));
        fake.tdh(OTHER_PROVIDER, 7, 0, FakeEtw.traceEventInfo(OTHER_PROVIDER, 7, 0,
                "Test-Provider", new String[] {"Port"}, new int[] {6}));
        String image = "\\Device\\HarddiskVolume2\\Windows\\System32\\curl.exe";
        byte[] start = le().u32(777).u64(133_000_000_000_000_000L).u32(4).u32(1).u32(0)
                .bytes((image + "\0").getBytes(StandardCharsets.UTF_16LE)).build();
        fake.script.add(record(kp, 1, 3, 4, start));
        fake.script.add(other(7, 777, le().u16(1).build()));
        fake.script.add(record(kp, 2, 2, 4, stop(777, 0xC000013AL, "curl.exe")));   // STATUS_CONTROL_C_EXIT
        fake.script.add(record(kp, 2, 2, 4, stop(778, 0, "other.exe")));            // not traced
        runToEnd(source().providers(List.of(EtwProvider.parse(OTHER_PROVIDER.toString())))
                .target(TraceTarget.program("curl")), fake);
        assertEquals(2, emitted.size(), emitted.toString());
        assertTrue(ProcessExit.is(emitted.get(1)), emitted.toString());
        EventHeader h = emitted.get(1).header();
        assertEquals(777, h.pid());
        assertEquals("C:\\Windows\\System32\\curl.exe", h.process());
        assertEquals(Integer.toString(0xC000013A), h.raw().get(ProcessExit.EXIT_CODE));
        assertNothingLeft();
    }

    /** After ProcessStop the PID's image is forgotten: a later process with the same PID is not taken for it. */
    @Test
    void imageNameIsForgottenAtProcessStop() throws Exception {
        UUID kp = EtwProvider.KERNEL_PROCESS.guid();
        fake.tdh(kp, 1, 3, FakeEtw.traceEventInfo(kp, 1, 3, "Microsoft-Windows-Kernel-Process", new String[] {
                "ProcessID", "CreateTime", "ParentProcessID", "SessionID", "Flags", "ImageName"},
                new int[] {8, 17, 8, 8, 8, 1}));
        fake.tdh(kp, 2, 2, FakeEtw.traceEventInfo(kp, 2, 2, "Microsoft-Windows-Kernel-Process", new String[] {
                "ProcessID", "ProcessSequenceNumber", "CreateTime", "ExitTime", "ExitCode", "TokenElevationType",
                "HandleCount", "CommitCharge", "CommitPeak", "CPUCycleCount", "ReadOperationCount",
                "WriteOperationCount", "ReadTransferKiloBytes", "WriteTransferKiloBytes", "HardFaultCount",
                "ImageName"}, new int[] {8, 10, 17, 17, 8, 8, 8, 10, 10, 10, 8, 8, 8, 8, 8, 2}));
        fake.tdh(OTHER_PROVIDER, 7, 0, FakeEtw.traceEventInfo(OTHER_PROVIDER, 7, 0, "Test-Provider",
                new String[] {"Port"}, new int[] {6}));
        String image = "\\Device\\HarddiskVolume2\\Windows\\System32\\curl.exe";
        byte[] start = le().u32(777).u64(133_000_000_000_000_000L).u32(4).u32(1).u32(0)
                .bytes((image + "\0").getBytes(StandardCharsets.UTF_16LE)).build();
        fake.script.add(record(kp, 1, 3, 4, start, 0));
        fake.script.add(record(kp, 2, 2, 4, stop(777, 0, "curl.exe"), 1));
        fake.script.add(record(OTHER_PROVIDER, 7, 0, 777, le().u16(1).build(), 2)); // PID 777 reused, start not seen
        runToEnd(source().providers(List.of(EtwProvider.parse(OTHER_PROVIDER.toString())))
                .processNames(new ProcessNames(pid -> Optional.of("C:\\Tools\\other.exe"), DEVICES))
                .target(TraceTarget.program("curl")), fake);
        assertEquals(1, emitted.size(), "only curl's exit; the reused PID is not curl: " + emitted);
        assertTrue(ProcessExit.is(emitted.get(0)));
    }

    private static LiveEventRecord record(UUID provider, int id, int version, long pid, byte[] payload, int millis) {
        return new LiveEventRecord(provider, id, version, 0, 4, 0, 0, 0, 0x0040, 0, pid, 1,
                filetime(T0.plusMillis(millis)), payload, List.of());
    }

    private static byte[] stop(long pid, long exitCode, String image) {
        return le().u32(pid).u64(99).u64(133_000_000_000_000_000L).u64(133_000_000_100_000_000L).u32(exitCode).u32(1)
                .u32(12).u64(4096).u64(8192).u64(123456).u32(1).u32(2).u32(3).u32(4).u32(5)
                .bytes((image + "\0").getBytes(StandardCharsets.ISO_8859_1)).build();
    }

    @Test
    void shutdownHookPathStopsSessionAndReturns() throws Exception {
        EtwLiveSource s = source().build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(s, failure);
        assertTrue(fake.delivered.await(10, TimeUnit.SECONDS));
        s.emergencyStop(); // what the JVM shutdown hook runs on Ctrl-C
        t.join(10_000);
        assertFalse(t.isAlive());
        assertNull(failure.get());
        assertTrue(fake.calls.contains("ControlTraceW " + OWN_SESSION + " STOP -> 0"), fake.calls.toString());
        assertTrue(fake.calls.contains("CloseTrace"), fake.calls.toString());
        assertNothingLeft();
    }

    @Test
    void lossCountersAreReportedLiveAndCounted() throws Exception {
        fake.eventsLost = 3;
        fake.realTimeBuffersLost = 1;
        EtwLiveSource s = source().queryInterval(Duration.ofMillis(20)).build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(s, failure);
        assertTrue(fake.delivered.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (status.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        s.stop();
        t.join(10_000);
        assertTrue(status.stream().anyMatch(l -> l.startsWith("ETW: 3 events lost, 1 real-time buffers lost")),
                status.toString());
        assertEquals(4, s.lostAtSource());
        assertNothingLeft();
    }

    /** The buffer pool is what was asked for, and losses at the end are handed on so the CLI can suggest more. */
    @Test
    void buffersAsConfiguredAndLossesHandedOn() throws Exception {
        fake.eventsLost = 7;
        List<EtwSession.Counters> losses = new ArrayList<>();
        runToEnd(source().buffers(new SessionBuffers(1024, 32, 512)).onLosses(losses::add), fake);
        assertEquals(List.of(1024, 32, 512), java.util.Arrays.stream(fake.startedBuffers).boxed().toList());
        assertEquals(1, losses.size());
        assertEquals(7, losses.get(0).eventsLost());
    }

    @Test
    void defaultBuffersAreSizedForABusySession() throws Exception {
        runToEnd(source(), fake);
        assertEquals(List.of(256, 16, 128), java.util.Arrays.stream(fake.startedBuffers).boxed().toList());
    }

    @Test
    void bufferSettingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SessionBuffers(2, 16, 128));
        assertThrows(IllegalArgumentException.class, () -> new SessionBuffers(16_385, 16, 128));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionBuffers(64, 8, 4));
        assertEquals("ETW buffers must be MIN,MAX with 2 <= MIN <= MAX <= 65536, not 8,4", e.getMessage());
    }

    @Test
    void stopBeforeRunStartsNothing() throws Exception {
        EtwLiveSource s = source().build();
        s.stop();
        s.run(e -> true);
        assertTrue(fake.calls.isEmpty());
    }

    // ---- helpers ----

    /** What ProcessTrace delivers for an offline record: same header facts and bytes, FILETIME timestamp. */
    private static LiveEventRecord liveRecord(EventRecordView v) {
        List<LiveEventRecord.ExtendedItem> items = new ArrayList<>();
        for (int i = 0; i < v.extendedItemCount(); i++) {
            byte[] d = java.util.Arrays.copyOfRange(v.extendedItemData(i), v.extendedItemOffset(i),
                    v.extendedItemOffset(i) + v.extendedItemLength(i));
            items.add(new LiveEventRecord.ExtendedItem(v.extendedItemType(i), d));
        }
        byte[] payload = java.util.Arrays.copyOfRange(v.data(), v.payloadOffset(),
                v.payloadOffset() + v.payloadLength());
        return new LiveEventRecord(v.providerId(), v.eventId(), v.version(), v.channel(), v.level(), v.opcode(),
                v.task(), v.keyword(), v.headerFlags(), v.eventProperty(), v.pid(), v.tid(), filetime(v.timestamp()),
                payload, items);
    }

    private static long filetime(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 10_000_000L), t.getNano() / 100)
                + LiveEventRecord.FILETIME_UNIX_EPOCH;
    }

    /** FILETIME has 100 ns resolution: the offline event with its timestamp cut to that. */
    private static NetEvent truncateTo100ns(NetEvent e) {
        EventHeader h = e.header();
        Instant t = h.timestamp().truncatedTo(ChronoUnit.MICROS).plusNanos(h.timestamp().getNano() % 1000 / 100 * 100);
        return e.withHeader(new EventHeader(t, h.source(), h.pid(), h.process(), h.user(), h.ipProtocol(), h.local(),
                h.remote(), h.raw(), h.enrichment()));
    }

    private int afdRecords;

    /** An AFD record stamped 1 ms after the previous one. */
    private LiveEventRecord afd(int id, long headerPid, Le payload) {
        return new LiveEventRecord(EtwProvider.WINSOCK_AFD.guid(), id, 0, 0, 4, 0, id, 0x8000000000000001L,
                0x0040, 0, headerPid, 1, filetime(T0.plusMillis(++afdRecords)), payload.build(), List.of());
    }

    private static LiveEventRecord other(int id, long pid, byte[] payload) {
        return record(OTHER_PROVIDER, id, 0, pid, payload);
    }

    private static LiveEventRecord record(UUID provider, int id, int version, long pid, byte[] payload) {
        return new LiveEventRecord(provider, id, version, 0, 4, 0, 0, 0, 0x0040, 0, pid, 1, filetime(T0), payload,
                List.of());
    }

    private static byte[] sockaddrIn(byte[] ip, int port) {
        return le().u16(2).u8(port >> 8).u8(port & 0xFF).bytes(ip).bytes(new byte[8]).build();
    }

    private static Le le() {
        return new Le();
    }

    /** Little-endian payload builder. */
    private static final class Le {
        private final ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        Le u8(int v) { b.put((byte) v); return this; }
        Le u16(int v) { b.putShort((short) v); return this; }
        Le u32(long v) { b.putInt((int) v); return this; }
        Le u64(long v) { b.putLong(v); return this; }
        Le bytes(byte[] v) { b.put(v); return this; }
        byte[] build() { return java.util.Arrays.copyOf(b.array(), b.position()); }
    }
}
