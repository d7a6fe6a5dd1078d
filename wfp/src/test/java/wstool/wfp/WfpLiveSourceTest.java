package wstool.wfp;

import com.sun.jna.platform.win32.WinError;
import wstool.win32.DevicePaths;
import wstool.win32.PrivilegeException;
import wstool.win32.WindowsApiException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import wstool.core.model.Direction;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.NetEvent;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

/** The real WfpLiveSource against a fake fwpuclnt: API levels, options, errors, names, stop. */
class WfpLiveSourceTest {
    static final int COLLECT = WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS;
    static final int KEYWORDS = WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS;

    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<NetEvent> got = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() { pool.shutdownNow(); }

    private static WfpLiveSource source(FakeFwpuclnt fake, boolean all, boolean recent) {
        return new WfpLiveSource(fake.binding(), all, recent, (api, engine) -> new WindowsNames(api, engine,
                new DevicePaths(() -> Map.of("C:", "\\Device\\HarddiskVolume3"), System::nanoTime, Duration.ofMinutes(5)),
                sid -> sid.endsWith("-1001") ? "CONTOSO\\alice" : null, System::nanoTime, Duration.ofMinutes(5)))
                .shutdownHook(false).windowsBuild(() -> 19045);
    }

    private Future<?> start(WfpLiveSource src, FakeFwpuclnt fake) throws Exception {
        Future<?> f = pool.submit(() -> { src.run(got::add); return null; });
        assertTrue(fake.subscribed.await(10, TimeUnit.SECONDS), "never subscribed: " + fake.calls);
        return f;
    }

    private static SdkMemory.Event drop(FakeFwpuclnt fake, int version) throws Exception {
        long size = version == 0 ? 16 : version == 1 ? 32 : 56;
        return fake.mem.event(version, 3).time(Instant.parse("2026-11-22T00:00:01Z"))
                .flags(WfpConstants.FLAG_IP_PROTOCOL_SET | WfpConstants.FLAG_REMOTE_ADDR_SET
                        | WfpConstants.FLAG_REMOTE_PORT_SET | WfpConstants.FLAG_APP_ID_SET | WfpConstants.FLAG_USER_ID_SET
                        | WfpConstants.FLAG_IP_VERSION_SET)
                .ipVersion(0).protocol(6).remote(Addresses.parse("127.0.0.1")).remotePort(48123)
                .appId("\\device\\harddiskvolume3\\Tools\\nc.exe").userId("S-1-5-21-1-2-3-1001")
                .body(fake.mem.classify(size, 70001, 48, WfpConstants.MS_FWP_DIRECTION_OUT, true));
    }

    /**
     * Who blocked it, live: the verdict fired on the "callback" (this test's thread) arrives with its filter's
     * provider, sublayer, action and Windows Firewall rule, looked up on the source's thread.
     */
    @Test
    void verdictCarriesWhoBlockedItLookedUpOffTheCallbackThread() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 0).option(COLLECT, 1).option(KEYWORDS, 0);
        String mpssvc = "{decc16ca-3f33-4346-be1e-8fb4ae0f3d62}", sub = "{b3cdd441-af90-41ba-a745-7c6008ff2301}";
        fake.filters.put(70001L, new FakeFwpuclnt.Filter("{935b7f48-0ede-44dd-9bc2-e00bb635cda3}", "Block nc",
                null, mpssvc, "{c38d57d1-05a7-4c33-904f-7fbceee60e82}", sub, 0x1001));
        fake.providers.put(mpssvc, "Microsoft Corporation");
        fake.subLayers.put(sub, "WFP Built-in MPSSVC Windows Firewall Sublayer");
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        fake.fire(drop(fake, 5).m);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(1, got.size(), "decode errors: " + src.lastDecodeError());
        FirewallEvent e = (FirewallEvent) got.get(0);
        assertEquals("Block nc", e.filterName());
        assertEquals("Windows Firewall rule \"Block nc\"", e.rule());
        assertEquals("Microsoft Corporation", e.header().raw().get("state.provider"));
        assertEquals("WFP Built-in MPSSVC Windows Firewall Sublayer", e.header().raw().get("state.subLayer"));
        assertEquals("FWP_ACTION_BLOCK", e.header().raw().get("state.action"));
        assertFalse(fake.lookupThreads.isEmpty());
        assertFalse(fake.lookupThreads.contains(Thread.currentThread()), "looked up on WFP's callback thread");
        assertTrue(fake.outstanding.isEmpty(), "memory not freed: " + fake.outstanding.size());
    }

    /** Highest exported Subscribe level is used, its event version (level + 1) decoded; missing ones never called. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void subscribesAtHighestExportedLevel(int level) throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(level, 0).option(COLLECT, 1).option(KEYWORDS, 0);
        fake.filterNames.put(70001L, "ws_tool smoke block 48123");
        fake.layerNames.put(48, "ALE Connect v4 Layer");
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        assertEquals(level, fake.subscribeLevel);
        fake.fire(drop(fake, level + 1).m);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(level, src.subscribeLevel());

        assertEquals(1, got.size(), "decode errors: " + src.lastDecodeError());
        FirewallEvent e = (FirewallEvent) got.get(0);
        assertEquals(Source.WFP, e.header().source());
        assertEquals(Instant.parse("2026-11-22T00:00:01Z"), e.header().timestamp());
        assertEquals(FirewallEventType.CLASSIFY_DROP, e.type());
        assertEquals(Direction.OUT, e.direction());
        assertEquals(6, e.header().ipProtocol());
        assertNull(e.header().local().address());
        assertEquals(Addresses.parse("127.0.0.1"), e.header().remote().address());
        assertEquals(48123, e.header().remote().port());
        assertEquals("C:\\Tools\\nc.exe", e.header().process());
        assertEquals("CONTOSO\\alice", e.header().user());
        assertEquals(70001L, e.filterId());
        assertEquals("ws_tool smoke block 48123", e.filterName());
        assertEquals(48, e.layerId());
        assertEquals("ALE Connect v4 Layer", e.layerName());
        for (int higher = level + 1; higher <= 4; higher++) {
            assertFalse(fake.calls.contains("FwpmNetEventSubscribe" + higher), "called a missing export");
        }
        // the keyword option back to what it was (0) by stop() itself, then unsubscribe, then close
        assertEquals(List.of("FwpmEngineSetOption0(1=0)", "FwpmNetEventUnsubscribe0", "FwpmEngineClose0"),
                fake.calls.subList(fake.calls.size() - 3, fake.calls.size()));
        assertTrue(fake.outstanding.isEmpty(), "memory not freed: " + fake.outstanding.size());
    }

    @Test
    void optionsEnabledAsNeededAndRestoredExactly() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 0).option(KEYWORDS, 0x1);
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        assertEquals(1L, fake.options.get(COLLECT));
        assertEquals(0x1L | WfpConstants.KEYWORD_CAPABILITY_DROP, fake.options.get(KEYWORDS));
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(0L, fake.options.get(COLLECT));
        assertEquals(0x1L, fake.options.get(KEYWORDS));
        // read before anything was written
        assertTrue(fake.calls.indexOf("FwpmEngineGetOption0(0)") < fake.calls.indexOf("FwpmEngineSetOption0(0=1)"));
        assertTrue(fake.calls.indexOf("FwpmEngineGetOption0(1)") < fake.calls.indexOf("FwpmEngineSetOption0(0=1)"));
    }

    /**
     * stop() writes the options back itself: run's thread is stuck in FwpmNetEventUnsubscribe0 while a callback
     * runs, and the pipeline joins sources for 5 s only before the JVM exits - the options would stay changed.
     */
    @Test
    void stopRestoresOptionsWithoutWaitingForUnsubscribe() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 0).option(KEYWORDS, 0);
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        fake.runningCallbacks.incrementAndGet(); // a callback in progress: Unsubscribe0 waits for it
        src.stop();
        assertEquals(0L, fake.options.get(COLLECT), "restored by stop() while a callback still runs");
        assertEquals(0L, fake.options.get(KEYWORDS));
        assertFalse(run.isDone());
        fake.runningCallbacks.decrementAndGet();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(1, fake.calls.stream().filter(c -> c.equals("FwpmEngineSetOption0(0=0)")).count(),
                "restored once: " + fake.calls);
    }

    /**
     * The callback only copies: a name look-up that blocks (LookupAccountSid on a domain SID can take seconds)
     * holds up run's thread, never WFP's delivery thread.
     */
    @Test
    void namesAreResolvedOffTheCallbackThread() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x4);
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch domainAnswers = new CountDownLatch(1);
        List<String> lookupThreads = new CopyOnWriteArrayList<>();
        WfpLiveSource src = new WfpLiveSource(fake.binding(), false, false, (api, engine) -> new WindowsNames(api,
                engine, new DevicePaths(Map::of, System::nanoTime, Duration.ofMinutes(5)), sid -> {
                    lookupThreads.add(Thread.currentThread().getName());
                    lookupStarted.countDown();
                    try {
                        domainAnswers.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "CONTOSO\\alice";
                }, System::nanoTime, Duration.ofMinutes(5))).shutdownHook(false);
        Future<?> run = start(src, fake);
        SdkMemory.Event ev = drop(fake, 5);
        Future<?> callback = pool.submit(() -> {
            Thread.currentThread().setName("fwpuclnt-callback");
            fake.fire(ev.m);
        });
        callback.get(5, TimeUnit.SECONDS); // returns while the look-up is still blocked
        assertTrue(lookupStarted.await(10, TimeUnit.SECONDS));
        assertEquals(0, got.size());
        domainAnswers.countDown();
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(1, got.size());
        assertEquals("CONTOSO\\alice", got.get(0).header().user());
        assertFalse(lookupThreads.contains("fwpuclnt-callback"), lookupThreads.toString());
    }

    /** The options as found are on disk from before the first change until they are written back. */
    @Test
    void originalOptionsAreRecordedWhileChanged(@TempDir Path dir) throws Exception {
        OptionsJournal journal = new OptionsJournal(dir.resolve("wfp-options.properties"));
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 0).option(KEYWORDS, 0x1);
        WfpLiveSource src = source(fake, false, false).journal(journal, pid -> true);
        Future<?> run = start(src, fake);
        OptionsJournal.Entry e = journal.read().orElseThrow();
        assertEquals(ProcessHandle.current().pid(), e.pid());
        assertEquals(List.of((long) WfpConstants.FWP_UINT32, 0L), List.of(e.originals().get(COLLECT)[0], e.originals().get(COLLECT)[1]));
        assertEquals(0x1L, e.originals().get(KEYWORDS)[1]);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertFalse(Files.exists(journal.file()), "deleted once restored");
    }

    /** A run that was killed left the options changed and its record behind: the next run writes them back first. */
    @Test
    void optionsLeftByADeadRunAreRestoredAtStart(@TempDir Path dir) throws Exception {
        OptionsJournal journal = new OptionsJournal(dir.resolve("wfp-options.properties"));
        journal.write(new OptionsJournal.Entry(424242, Map.of(COLLECT, new long[] {WfpConstants.FWP_UINT32, 0},
                KEYWORDS, new long[] {WfpConstants.FWP_UINT32, 0})));
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x3F);
        List<String> status = new CopyOnWriteArrayList<>();
        WfpLiveSource src = source(fake, false, false).journal(journal, pid -> pid != 424242).status(status::add);
        Future<?> run = start(src, fake);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(2, status.size(), status.toString());
        assertTrue(status.get(0).startsWith("WFP: restored the engine options a ws_tool firewall run (PID 424242)"),
                status.get(0));
        assertEquals("ready: receiving WFP net events (FwpmNetEventSubscribe4, drops)", status.get(1));
        assertEquals(0L, fake.options.get(COLLECT));
        assertEquals(0L, fake.options.get(KEYWORDS));
        assertTrue(fake.calls.indexOf("FwpmEngineSetOption0(0=0)") < fake.calls.indexOf("FwpmEngineGetOption0(0)"),
                "restored before reading the options to save: " + fake.calls);
        assertFalse(Files.exists(journal.file()));
    }

    @Test
    void recordOfARunningOneIsLeftAlone(@TempDir Path dir) throws Exception {
        OptionsJournal journal = new OptionsJournal(dir.resolve("wfp-options.properties"));
        journal.write(new OptionsJournal.Entry(777, Map.of(COLLECT, new long[] {WfpConstants.FWP_UINT32, 0})));
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x3F);
        WfpLiveSource src = source(fake, false, false).journal(journal, pid -> true);
        Future<?> run = start(src, fake);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(1L, fake.options.get(COLLECT));
        assertTrue(journal.read().isPresent());
    }

    /** firewall --restore-options: by hand, whatever PID recorded it. */
    @Test
    void restoreRecordedByHand(@TempDir Path dir) throws Exception {
        OptionsJournal journal = new OptionsJournal(dir.resolve("wfp-options.properties"));
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x3F);
        assertEquals("no changed WFP engine options are recorded (" + journal.file() + " does not exist)",
                WfpLiveSource.restoreRecorded(fake, journal));
        journal.write(new OptionsJournal.Entry(ProcessHandle.current().pid(),
                Map.of(KEYWORDS, new long[] {WfpConstants.FWP_UINT32, 0x4})));
        String done = WfpLiveSource.restoreRecorded(fake, journal);
        assertTrue(done.endsWith("[FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS]"), done);
        assertEquals(0x4L, fake.options.get(KEYWORDS));
        assertEquals(1L, fake.options.get(COLLECT));
        assertFalse(Files.exists(journal.file()));
        assertEquals("FwpmEngineClose0", fake.calls.get(fake.calls.size() - 1));
    }

    @Test
    void unreadableRecordIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        OptionsJournal journal = new OptionsJournal(dir.resolve("wfp-options.properties"));
        Files.writeString(journal.file(), "pid=abc\n");
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1);
        WfpException e = assertThrows(WfpException.class, () -> WfpLiveSource.restoreRecorded(fake, journal));
        assertTrue(e.getMessage().startsWith(journal.file() + ": not a ws_tool engine-options record"), e.getMessage());
    }

    @Test
    void allAddsAllowAndBroadcastKeywords() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0);
        WfpLiveSource src = source(fake, true, false);
        Future<?> run = start(src, fake);
        long kw = fake.options.get(KEYWORDS);
        for (int k : new int[] {WfpConstants.KEYWORD_CLASSIFY_ALLOW, WfpConstants.KEYWORD_INBOUND_MCAST,
                WfpConstants.KEYWORD_INBOUND_BCAST, WfpConstants.KEYWORD_PORT_SCANNING_DROP}) {
            assertTrue((kw & k) != 0, "keyword " + k + " missing from " + kw);
        }
        assertFalse(fake.calls.contains("FwpmEngineSetOption0(0=1)"), "collection was already on");
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(1L, fake.options.get(COLLECT)); // left on: it was on before
        assertEquals(0L, fake.options.get(KEYWORDS));
    }

    /** PORT_SCANNING_DROP is only defined from build 18362 (NTDDI_WIN10_19H1): not asked for before that. */
    @Test
    void portScanningKeywordOnlyFromWindows10Version1903() throws Exception {
        for (int build : new int[] {17763, 18362}) {
            FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0);
            WfpLiveSource src = source(fake, true, false).windowsBuild(() -> build);
            Future<?> run = start(src, fake);
            long kw = fake.options.get(KEYWORDS);
            src.stop();
            run.get(10, TimeUnit.SECONDS);
            assertEquals(build >= 18362, (kw & WfpConstants.KEYWORD_PORT_SCANNING_DROP) != 0, "build " + build);
            assertTrue((kw & WfpConstants.KEYWORD_CLASSIFY_ALLOW) != 0);
        }
    }

    /** --all: the allow at ALE_FLOW_ESTABLISHED repeats the connect's allow; it is counted, not shown. */
    @Test
    void allowsRepeatedAtFlowEstablishedAreNotShownTwice() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x3F);
        WfpLiveSource src = source(fake, true, false);
        Future<?> run = start(src, fake);
        for (int[] typeLayer : new int[][] {{6, 48}, {6, 52}, {6, 38}, {3, 52}}) {
            fake.fire(fake.mem.event(5, typeLayer[0]).time(Instant.parse("2026-11-22T00:00:01Z"))
                    .flags(0).body(fake.mem.classify(typeLayer[0] == 6 ? 32 : 56, 1, typeLayer[1], 0x3901, false)).m);
        }
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("ALLOW 48", "DROP 52"), got.stream()
                .map(e -> ((FirewallEvent) e).type().label() + " " + ((FirewallEvent) e).layerId()).toList());
        assertEquals(2, src.repeatedAllows());
    }

    @Test
    void nothingWrittenWhenEverythingIsAlreadyOn() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x3F);
        WfpLiveSource src = source(fake, true, false);
        Future<?> run = start(src, fake);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertTrue(fake.calls.stream().noneMatch(c -> c.startsWith("FwpmEngineSetOption0")), fake.calls.toString());
    }

    @Test
    void windows7WithoutKeywordOptionStillWorks() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(0, 1).option(COLLECT, 0);
        fake.getKeywordsRc = 0x80320027; // option unknown to that engine
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(0L, fake.options.get(COLLECT));
        assertTrue(fake.calls.stream().noneMatch(c -> c.startsWith("FwpmEngineSetOption0(1")), fake.calls.toString());
    }

    @Test
    void accessDeniedIsOneLineAndCleansUp() {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 0);
        fake.setOptionRc = WinError.ERROR_ACCESS_DENIED;
        PrivilegeException e = assertThrows(PrivilegeException.class, () -> source(fake, false, false).run(got::add));
        assertEquals("Windows Filtering Platform: FwpmEngineSetOption0(FWPM_ENGINE_COLLECT_NET_EVENTS) failed with"
                + " error 5", e.getMessage());
        assertEquals(PrivilegeException.ADMINISTRATOR, e.requirement());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("FwpmEngineClose0", fake.calls.get(fake.calls.size() - 1));
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("FwpmNetEventSubscribe")));

        FakeFwpuclnt denied = new FakeFwpuclnt().exportsUpTo(4, 5);
        denied.subscribeRc = WinError.ERROR_ACCESS_DENIED;
        denied.option(COLLECT, 0);
        e = assertThrows(PrivilegeException.class, () -> source(denied, false, false).run(got::add));
        assertEquals("FwpmNetEventSubscribe4", e.api());
        assertEquals(0L, denied.options.get(COLLECT)); // restored although subscribing failed
    }

    /** An exported level that fails is not the end: the next lower one is tried (simplewall does the same). */
    @Test
    void failingSubscribeLevelFallsBackToTheNextLower() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x4);
        fake.subscribeRcByLevel.put(4, 0x80320022); // an FWP_E_* the level-4 API gives on this build
        fake.subscribeRcByLevel.put(3, 0x80320022);
        List<String> status = new CopyOnWriteArrayList<>();
        WfpLiveSource src = source(fake, false, false).status(status::add);
        Future<?> run = start(src, fake);
        assertEquals(2, fake.subscribeLevel);
        fake.fire(drop(fake, 3).m); // level 2 delivers FWPM_NET_EVENT3
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(2, src.subscribeLevel());
        assertEquals(1, got.size(), "decode errors: " + src.lastDecodeError());
        assertEquals(70001L, ((FirewallEvent) got.get(0)).filterId());
        assertEquals("WFP: cannot subscribe to the Windows Filtering Platform's net events: FwpmNetEventSubscribe4"
                + " failed with error 0x80320022; using FwpmNetEventSubscribe2", status.get(0));
        assertTrue(fake.calls.containsAll(List.of("FwpmNetEventSubscribe4", "FwpmNetEventSubscribe3",
                "FwpmNetEventSubscribe2")), fake.calls.toString());
    }

    @Test
    void everyLevelFailingReportsTheHighestsError() {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(1, 1).option(COLLECT, 1).option(KEYWORDS, 0x4);
        fake.subscribeRcByLevel.put(1, 0x80320022);
        fake.subscribeRcByLevel.put(0, 0x800706BA);
        WindowsApiException e = assertThrows(WindowsApiException.class, () -> source(fake, false, false).run(got::add));
        assertEquals("cannot subscribe to the Windows Filtering Platform's net events: FwpmNetEventSubscribe1 failed"
                + " with error 0x80320022", e.getMessage());
    }

    @Test
    void recentWithCollectionOffSaysHowToTurnItOn() {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5);
        fake.enumRc = WfpConstants.FWP_E_NET_EVENTS_DISABLED;
        WfpException e = assertThrows(WfpException.class, () -> source(fake, false, true).run(got::add));
        assertEquals("the Windows Filtering Platform is not collecting net events on this machine"
                + " (FWP_E_NET_EVENTS_DISABLED from FwpmNetEventEnum5), so it keeps no recent ones: turn collection on"
                + " with 'netsh wfp set options netevents=on' as Administrator (it stays on; 'netsh wfp set options"
                + " netevents=off' turns it off again) and try again once there has been traffic", e.getMessage());
    }

    @Test
    void otherErrorsNameFunctionAndCode() {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5);
        fake.openRc = 0x800706BA; // RPC_S_SERVER_UNAVAILABLE as HRESULT
        WindowsApiException e = assertThrows(WindowsApiException.class, () -> source(fake, false, false).run(got::add));
        assertEquals("cannot open the Windows Filtering Platform engine: FwpmEngineOpen0 failed with error 0x800706BA",
                e.getMessage());
    }

    /**
     * The BFE service stops and starts again (a restart, resume from sleep): the subscription ends silently, the probe
     * of the session sees the RPC error, a new session is opened once the engine listens again, the options this run
     * set are set again through it, the subscription is made again and events flow; the gap is reported and counted.
     */
    @Test
    void baseFilteringEngineRestartIsDetectedAndSubscribedAgain() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 0).option(KEYWORDS, 0x4);
        List<String> status = new CopyOnWriteArrayList<>();
        CountDownLatch wentAway = new CountDownLatch(1);
        WfpLiveSource src = source(fake, false, false).engineProbe(Duration.ofMillis(10)).status(line -> {
            status.add(line);
            if (line.startsWith("WFP: the Base Filtering Engine went away")) wentAway.countDown();
        });
        Future<?> run = start(src, fake);
        fake.fire(drop(fake, 5).m);
        fake.stopBfe();
        assertTrue(wentAway.await(10, TimeUnit.SECONDS), "outage never noticed: " + status);
        fake.options.put(COLLECT, 0L); // the engine came back with collection off
        fake.startBfe();
        assertTrue(fake.subscribedTwice.await(10, TimeUnit.SECONDS), "never subscribed again: " + fake.calls);
        fake.fire(drop(fake, 5).m);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(2, got.size(), "events before and after the restart: " + got);
        assertEquals(1, src.engineOutages());
        assertTrue(src.outageTime().toNanos() > 0);
        assertEquals("WFP: the Base Filtering Engine went away (error 1722); net events are not received until it is"
                + " back", status.stream().filter(l -> l.contains("went away")).findFirst().orElseThrow());
        assertTrue(status.stream().anyMatch(l -> l.startsWith("WFP: subscribed again after the Base Filtering Engine"
                + " was away for")), status.toString());
        assertTrue(status.get(status.size() - 1).startsWith("WFP: the Base Filtering Engine was away 1 time(s), "),
                status.toString());
        assertEquals(2, fake.calls.stream().filter(c -> c.equals("FwpmEngineSetOption0(0=1)")).count(),
                "collection turned on, and again through the new session: " + fake.calls);
        assertEquals(0L, fake.options.get(COLLECT), "restored through the new session at the end");
        assertTrue(fake.calls.stream().filter(c -> c.equals("FwpmEngineClose0")).count() >= 2, fake.calls.toString());
    }

    /**
     * Ctrl-C while the Base Filtering Engine is away: the wait for it ends at once, the options cannot be written
     * back (the error says why) and stay recorded on disk for the next run or --restore-options.
     */
    @Test
    void stopWhileTheEngineIsAwayEndsPromptlyAndKeepsTheRecord(@TempDir Path dir) throws Exception {
        OptionsJournal journal = new OptionsJournal(dir.resolve("wfp-options.properties"));
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 0).option(KEYWORDS, 0x4);
        CountDownLatch wentAway = new CountDownLatch(1);
        WfpLiveSource src = source(fake, false, false).journal(journal, pid -> true)
                .engineProbe(Duration.ofMillis(10)).status(line -> {
                    if (line.startsWith("WFP: the Base Filtering Engine went away")) wentAway.countDown();
                });
        Future<?> run = start(src, fake);
        fake.stopBfe();
        assertTrue(wentAway.await(10, TimeUnit.SECONDS));
        src.stop();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> run.get(10, TimeUnit.SECONDS));
        WindowsApiException cause = assertInstanceOf(WindowsApiException.class, e.getCause());
        assertEquals(WinError.RPC_S_SERVER_UNAVAILABLE, cause.code());
        assertTrue(cause.getMessage().contains("FwpmEngineSetOption0(FWPM_ENGINE_COLLECT_NET_EVENTS)"), cause.getMessage());
        assertTrue(Files.exists(journal.file()), "the options found stay recorded until they are written back");
        assertEquals(1, src.engineOutages());
    }

    /** The engine is back but refuses the subscription: the error ends the run, and each session is closed once. */
    @Test
    void failedResubscriptionClosesEverySessionOnce() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x4);
        CountDownLatch wentAway = new CountDownLatch(1);
        WfpLiveSource src = source(fake, false, false).engineProbe(Duration.ofMillis(10)).status(line -> {
            if (line.startsWith("WFP: the Base Filtering Engine went away")) wentAway.countDown();
        });
        Future<?> run = start(src, fake);
        fake.stopBfe();
        assertTrue(wentAway.await(10, TimeUnit.SECONDS));
        fake.subscribeRc = 0x80320022;
        fake.startBfe();
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> run.get(10, TimeUnit.SECONDS));
        assertEquals(0x80320022, assertInstanceOf(WindowsApiException.class, e.getCause()).code());
        assertEquals(List.of(fake.engine, fake.liveEngine), fake.closedEngines);
    }

    /** Ctrl-C while callbacks keep arriving on another thread: stop returns at once, unsubscribe waits, no deadlock. */
    @Test
    void stopWhileCallbacksRunUnsubscribesWithoutDeadlock() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x4);
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        SdkMemory.Event ev = drop(fake, 5);
        CountDownLatch firing = new CountDownLatch(1);
        Future<?> storm = pool.submit(() -> {
            for (int i = 0; i < 20_000; i++) {
                if (fake.callback == null) break;
                try {
                    fake.fire(ev.m);
                } catch (NullPointerException unsubscribed) {
                    break;
                }
                if (i == 10) firing.countDown();
            }
            firing.countDown();
            return null;
        });
        assertTrue(firing.await(10, TimeUnit.SECONDS));
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        storm.get(10, TimeUnit.SECONDS);
        assertTrue(fake.calls.contains("FwpmNetEventUnsubscribe0"));
        assertTrue(got.size() >= 10);
        assertEquals(0, src.lostAtSource());
    }

    @Test
    void stopBeforeRunReturnsPromptly() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x4);
        WfpLiveSource src = source(fake, false, false);
        src.stop();
        pool.submit(() -> { src.run(got::add); return null; }).get(10, TimeUnit.SECONDS);
        assertTrue(fake.calls.contains("FwpmNetEventUnsubscribe0"));
    }

    @Test
    void badEventIsCountedNotThrownIntoNativeCode() throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, 5).option(COLLECT, 1).option(KEYWORDS, 0x4);
        WfpLiveSource src = source(fake, false, false);
        Future<?> run = start(src, fake);
        fake.fire(fake.mem.event(5, 42).m);
        src.stop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(1, src.lostAtSource());
        assertEquals("unknown net event type 42", src.lastDecodeError());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5})
    void recentEnumeratesAtHighestEnumLevelAndFrees(int level) throws Exception {
        FakeFwpuclnt fake = new FakeFwpuclnt().exportsUpTo(4, level);
        for (int i = 0; i < WfpLiveSource.ENUM_BATCH + 3; i++) fake.recent.add(drop(fake, level).m);
        WfpLiveSource src = source(fake, false, true);
        assertFalse(src.live());
        src.run(got::add);
        assertEquals(level, fake.enumLevel);
        assertEquals(WfpLiveSource.ENUM_BATCH + 3, got.size());
        assertEquals(70001L, ((FirewallEvent) got.get(0)).filterId());
        assertTrue(fake.outstanding.isEmpty(), "enum arrays not freed");
        assertTrue(fake.calls.contains("FwpmNetEventDestroyEnumHandle0"));
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("FwpmEngineSetOption0")), "--recent changes nothing");
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("FwpmNetEventSubscribe")));
    }
}
