package wstool.wfp;

import wstool.core.pipeline.Notices;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongPredicate;
import wstool.core.model.Source;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.wfp.fwpu.FwpTypes.FWPM_NET_EVENT_ENUM_TEMPLATE0;
import wstool.wfp.fwpu.FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0;
import wstool.wfp.fwpu.FwpTypes.FWP_VALUE0;
import wstool.wfp.fwpu.Fwpuclnt;
import wstool.win32.PrivilegeException;
import wstool.win32.Win32Errors;
import wstool.win32.WindowsApiException;

/**
 * Live WFP net events (or, with {@code recent}, the kernel's buffer of recent events, then done).
 * <ul>
 * <li>Subscribes at the highest FwpmNetEventSubscribeN the DLL exports (4 down to 0) and decodes the event version
 *     that level delivers (N + 1); {@code --recent} likewise uses the highest FwpmNetEventEnumN (5 down to 0).</li>
 * <li>Reads FWPM_ENGINE_COLLECT_NET_EVENTS and NET_EVENT_MATCH_ANY_KEYWORDS first, turns on only what is missing, and
 *     on exit writes back exactly the values it found (never switches collection off for others).</li>
 * <li>The callback copies the event out of native memory and queues it (it takes no lock and never waits); run's
 *     thread resolves names and emits. {@link #stop()} restores the options and releases {@link #run}, whose thread
 *     then calls FwpmNetEventUnsubscribe0 (which waits for running callbacks) - so stop can never deadlock with a
 *     callback.</li>
 * </ul>
 * Driven in tests by a fake fwpuclnt with memory at SDK offsets; on Windows only by the CI smoke test
 * (.github/workflows/windows-wfp.yml). Not otherwise run on Windows by its author.
 */
public final class WfpLiveSource implements EventSource {
    /** Builds the name resolver once the engine is open. */
    @FunctionalInterface
    public interface NamesFactory {
        NameResolver create(Fwpuclnt api, Pointer engine);
    }

    /** Keywords added by default (capability drops) and by --all (allows, multicast/broadcast, port scanning). */
    static final int DEFAULT_KEYWORDS = WfpConstants.KEYWORD_CAPABILITY_DROP;
    static final int ALL_KEYWORDS = DEFAULT_KEYWORDS | WfpConstants.KEYWORD_CAPABILITY_ALLOW
            | WfpConstants.KEYWORD_CLASSIFY_ALLOW | WfpConstants.KEYWORD_INBOUND_MCAST
            | WfpConstants.KEYWORD_INBOUND_BCAST;
    /**
     * FWPM_NET_EVENT_KEYWORD_PORT_SCANNING_DROP exists from Windows 10 1903 (fwpmtypes.h: NTDDI_WIN10_19H1, build
     * 18362); System Informer (fwmon.c, WINDOWS_10_19H1) and simplewall add it only from that build.
     */
    static final int PORT_SCANNING_MIN_BUILD = 18362;
    static final int ENUM_BATCH = 256;
    static final long MAX_RECENT = 10_000_000;
    static final int HANDOFF_CAPACITY = 65_536;
    /** How the status line that says net events are now being received begins; scripts wait for it. */
    public static final String READY = "ready: ";
    /** The context of every WFP API error message. */
    static final String WFP = "Windows Filtering Platform";

    private final Fwpuclnt api;
    private final Fwpuclnt.Exports exports;
    private final boolean all;
    private final boolean recent;
    private final NamesFactory namesFactory;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private OptionsJournal journal;
    private Notices status = s -> { };
    private LongPredicate alive = pid -> ProcessHandle.of(pid).isPresent();
    private boolean shutdownHook = true;
    private IntSupplier windowsBuild = Win32Lookups::windowsBuild;
    /** The options as found, once read; guarded by itself. Restored by stop() or run(), whichever comes first. */
    private volatile EngineOptions saved;
    private volatile Exception restoreFailure;
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong handoffDropped = new AtomicLong();
    private final AtomicLong repeatedAllows = new AtomicLong();
    /** Copied events from the callback to run's thread; full: dropped and counted, the callback never waits. */
    private final BlockingQueue<WfpEventData> handoff = new ArrayBlockingQueue<>(HANDOFF_CAPACITY);
    private volatile String lastDecodeError;
    private volatile int subscribeLevel = -1;
    /** The engine session run() holds open (replaced after a Base Filtering Engine restart); run's thread only. */
    private Pointer session;
    private Duration engineProbe = Duration.ofSeconds(5);
    private final AtomicLong engineOutages = new AtomicLong();
    private final AtomicLong outageNanos = new AtomicLong();

    // kept reachable while subscribed: native code holds pointers to them
    private Fwpuclnt.NetEventCallback callback;
    private FWPM_NET_EVENT_ENUM_TEMPLATE0 template;
    private FWPM_NET_EVENT_SUBSCRIPTION0 subscription;

    public WfpLiveSource(Fwpuclnt.Binding binding, boolean all, boolean recent, NamesFactory namesFactory) {
        this.api = binding.api();
        this.exports = binding.exports();
        this.all = all;
        this.recent = recent;
        this.namesFactory = namesFactory;
    }

    /** The real thing: fwpuclnt.dll, names through WFP, QueryDosDevice and LookupAccountSid (Windows only). */
    public static WfpLiveSource windows(boolean all, boolean recent) {
        wstool.win32.DevicePaths paths = wstool.win32.DevicePaths.system();
        return new WfpLiveSource(Fwpuclnt.load(), all, recent, (api, engine) -> new WindowsNames(api, engine,
                paths, Win32Lookups::account, System::nanoTime, Duration.ofMinutes(5)));
    }

    @Override public String name() { return recent ? "WFP recent net events" : "WFP net events"; }

    /** Live events must not be held up; the recent-event buffer is a snapshot and is read completely. */
    @Override public boolean live() { return !recent; }

    @Override public long lostAtSource() { return decodeErrors.get() + handoffDropped.get(); }

    /** Allows at ALE_FLOW_ESTABLISHED / ALE_RESOURCE_ASSIGNMENT not shown (they repeat a connection's allow). */
    public long repeatedAllows() { return repeatedAllows.get(); }

    /** How often the engine session is checked while no event comes (the Base Filtering Engine may restart). */
    public WfpLiveSource engineProbe(Duration every) {
        this.engineProbe = every;
        return this;
    }

    /** Times the Base Filtering Engine went away during the run (each followed by a new subscription, or the end). */
    public long engineOutages() { return engineOutages.get(); }

    /** How long, in all, no subscription was in place because the Base Filtering Engine was away. */
    public Duration outageTime() { return Duration.ofNanos(outageNanos.get()); }

    /** The FwpmNetEventSubscribeN level in use, -1 before subscribing. */
    public int subscribeLevel() { return subscribeLevel; }

    public String lastDecodeError() { return lastDecodeError; }

    /**
     * Keeps the options as found in {@code journal} while they are changed, and first writes back what a run that
     * died left there (its PID no longer running per {@code alive}), saying so in a status line.
     */
    public WfpLiveSource journal(OptionsJournal journal, LongPredicate alive) {
        this.journal = journal;
        this.alive = alive;
        return this;
    }

    /** Status lines (options restored for a dead run, the readiness line {@link #READY}): the job's notice channel. */
    public WfpLiveSource status(Notices status) {
        this.status = status;
        return this;
    }

    /** Whether run() installs a JVM shutdown hook that restores the options (tests turn it off). */
    public WfpLiveSource shutdownHook(boolean on) {
        this.shutdownHook = on;
        return this;
    }

    /**
     * Restores the options at once (on the caller's thread), then releases {@link #run}. The restore must not wait
     * for run's thread: that one first calls FwpmNetEventUnsubscribe0, which waits for running callbacks, and the
     * pipeline gives sources only a few seconds before the JVM exits.
     */
    @Override
    public void stop() {
        restoreOptions();
        stopped.countDown();
    }

    int wantedKeywords() {
        if (!all) return DEFAULT_KEYWORDS;
        return windowsBuild.getAsInt() >= PORT_SCANNING_MIN_BUILD
                ? ALL_KEYWORDS | WfpConstants.KEYWORD_PORT_SCANNING_DROP : ALL_KEYWORDS;
    }

    /** The Windows build number (e.g. 19045); decides which keywords exist. */
    public WfpLiveSource windowsBuild(IntSupplier build) {
        this.windowsBuild = build;
        return this;
    }

    /** Writes back the options as found, if they were changed; idempotent, safe from any thread. */
    private void restoreOptions() {
        EngineOptions o = saved;
        if (o == null) return;
        try {
            if (o.restore() && journal != null) journal.delete();
            restoreFailure = null;
        } catch (WindowsApiException e) {
            restoreFailure = e;
        } catch (java.io.IOException e) {
            restoreFailure = new WfpException("restored the engine options but could not delete " + journal.file()
                    + ": " + e.getMessage(), 0);
        }
    }

    @Override
    public void run(Emitter emitter) throws Exception {
        Pointer engine = openEngine(api);
        session = engine;
        try {
            if (recent) {
                enumerate(engine, namesFactory.create(api, engine), emitter);
                return;
            }
            if (journal != null) recoverAbandoned(engine);
            EngineOptions found = EngineOptions.read(api, engine);
            saved = found;
            Thread hook = shutdownHook ? new Thread(this::restoreOptions, "ws_tool-wfp-restore") : null;
            if (hook != null) Runtime.getRuntime().addShutdownHook(hook);
            try {
                found.enable(wantedKeywords(), journal);
                receive(engine, found, emitter);
            } finally {
                restoreOptions();
                if (hook != null) removeHook(hook);
            }
            if (restoreFailure != null) throw restoreFailure;
        } finally {
            if (session != null) api.FwpmEngineClose0(session);
            session = null;
        }
    }

    private static Pointer openEngine(Fwpuclnt api) {
        PointerByReference h = new PointerByReference();
        Win32Errors.check(api.FwpmEngineOpen0(null, Fwpuclnt.RPC_C_AUTHN_DEFAULT, null, null, h), "FwpmEngineOpen0",
                "cannot open the " + WFP + " engine");
        return h.getValue();
    }

    /**
     * Subscribes and emits until stopped. While no event comes the engine session is probed every
     * {@link #engineProbe}: when the Base Filtering Engine stops (service stopped or restarted, resume from sleep) the
     * subscription ends without a word, and only the next call on the session says so (an RPC error, see
     * {@link #engineGone}). Then a new session is opened once the engine is back, the options are put back as this
     * run set them, and the subscription is made again; the outage is reported and counted. {@link #session} is the
     * engine session open at any time (null while there is none).
     */
    private void receive(Pointer engine, EngineOptions options, Emitter emitter) throws Exception {
        Pointer events = subscribe(engine);
        NameResolver names = namesFactory.create(api, engine);
        long probeNanos = engineProbe.toNanos();
        long nextProbe = System.nanoTime() + probeNanos;
        try {
            while (stopped.getCount() > 0) {
                WfpEventData d = handoff.poll(Math.min(100, Math.max(1, engineProbe.toMillis())), TimeUnit.MILLISECONDS);
                if (d != null) {
                    emitNamed(d, names, emitter);
                    continue;
                }
                if (System.nanoTime() - nextProbe < 0) continue;
                int rc = probe(engine);
                if (engineGone(rc)) {
                    long lostAt = System.nanoTime();
                    engineOutages.incrementAndGet();
                    status.notice("WFP: the Base Filtering Engine went away (" + Win32Errors.describe(rc) + "); net"
                            + " events are not received until it is back");
                    api.FwpmEngineClose0(engine); // the session is gone with the engine; this only frees the handle
                    session = null;
                    events = null;
                    engine = reopen(probeNanos);
                    session = engine;
                    outageNanos.addAndGet(System.nanoTime() - lostAt);
                    if (engine == null) break; // stopped while waiting
                    options.reapply(engine);
                    events = subscribe(engine);
                    names = namesFactory.create(api, engine);
                    status.notice(String.format("WFP: subscribed again after the Base Filtering Engine was away for"
                            + " %.1f s; net events of that time are not seen", (System.nanoTime() - lostAt) / 1e9));
                }
                nextProbe = System.nanoTime() + probeNanos;
            }
        } finally {
            if (events != null) {
                int rc = api.FwpmNetEventUnsubscribe0(engine, events);
                if (!engineGone(rc)) Win32Errors.check(rc, "FwpmNetEventUnsubscribe0", WFP);
            }
        }
        for (WfpEventData d = handoff.poll(); d != null; d = handoff.poll()) emitNamed(d, names, emitter);
        if (engineOutages.get() > 0) {
            status.notice(String.format("WFP: the Base Filtering Engine was away %d time(s), %.1f s in all; net events"
                    + " of those times were not received", engineOutages.get(), outageNanos.get() / 1e9));
        }
    }

    /** A cheap call on the session: FwpmEngineGetOption0(FWPM_ENGINE_COLLECT_NET_EVENTS); its result. */
    private int probe(Pointer engine) {
        PointerByReference out = new PointerByReference();
        int rc = api.FwpmEngineGetOption0(engine, WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS, out);
        if (rc == 0 && out.getValue() != null) api.FwpmFreeMemory0(out);
        return rc;
    }

    /** Opens a new engine session once the Base Filtering Engine accepts one again; null when stopped first. */
    private Pointer reopen(long retryNanos) throws InterruptedException {
        while (stopped.getCount() > 0) {
            PointerByReference h = new PointerByReference();
            int rc = api.FwpmEngineOpen0(null, Fwpuclnt.RPC_C_AUTHN_DEFAULT, null, null, h);
            if (rc == 0) return h.getValue();
            if (!engineGone(rc)) Win32Errors.check(rc, "FwpmEngineOpen0", "cannot open the " + WFP + " engine again");
            stopped.await(retryNanos, TimeUnit.NANOSECONDS);
        }
        return null;
    }

    /**
     * Whether a WFP call failed because the engine is not there. fwpuclnt's functions document "RPC_* error code
     * 0x80010001-0x80010122: Failure to communicate with the remote or local firewall engine" (learn.microsoft.com,
     * e.g. FwpmNetEventSubscribe0), and the RPC runtime reports a server that went away as RPC_S_SERVER_UNAVAILABLE /
     * RPC_S_CALL_FAILED(_DNE), one not (yet) listening as EPT_S_NOT_REGISTERED, as Win32 codes or as HRESULTs
     * (HRESULT_FROM_WIN32); a session handle of a BFE that restarted is no longer valid. User mode has no BFE state
     * notification: FwpmBfeStateSubscribeChanges0 / FwpmBfeStateGet0 are kernel-mode only (fwpmk.h, fwpkclnt.sys).
     */
    static boolean engineGone(int rc) {
        int win32 = (rc & 0xFFFF0000) == 0x80070000 ? rc & 0xFFFF : rc;
        return win32 == WinError.RPC_S_SERVER_UNAVAILABLE || win32 == WinError.RPC_S_CALL_FAILED
                || win32 == WinError.RPC_S_CALL_FAILED_DNE || win32 == WinError.EPT_S_NOT_REGISTERED
                || win32 == WinError.RPC_S_UNKNOWN_IF || win32 == WinError.ERROR_INVALID_HANDLE
                || (rc >= 0x80010001 && rc <= 0x80010122);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; restoring twice is harmless
        }
    }

    /** Writes back the options a run that is no longer running recorded and did not restore. */
    private void recoverAbandoned(Pointer engine) throws WfpException {
        java.util.Optional<OptionsJournal.Entry> left;
        try {
            left = journal.read();
        } catch (java.io.IOException e) {
            throw new WfpException(e.getMessage(), 0);
        }
        if (left.isEmpty() || alive.test(left.get().pid())) return;
        status.notice(restoreRecorded(api, engine, journal, left.get()));
    }

    /**
     * {@code firewall --restore-options}: writes back the options recorded in {@code journal} (whoever recorded
     * them) and deletes it; returns what was done, as one sentence.
     */
    public static String restoreRecorded(Fwpuclnt api, OptionsJournal journal) throws WfpException {
        java.util.Optional<OptionsJournal.Entry> entry;
        try {
            entry = journal.read();
        } catch (java.io.IOException e) {
            throw new WfpException(e.getMessage(), 0);
        }
        if (entry.isEmpty()) return "no changed WFP engine options are recorded (" + journal.file() + " does not exist)";
        Pointer engine = openEngine(api);
        try {
            return restoreRecorded(api, engine, journal, entry.get());
        } finally {
            api.FwpmEngineClose0(engine);
        }
    }

    private static String restoreRecorded(Fwpuclnt api, Pointer engine, OptionsJournal journal,
                                          OptionsJournal.Entry e) throws WfpException {
        for (var option : e.originals().entrySet()) {
            FWP_VALUE0 v = new FWP_VALUE0();
            v.type = (int) option.getValue()[0];
            v.value = option.getValue()[1];
            Win32Errors.check(api.FwpmEngineSetOption0(engine, option.getKey(), v),
                    "FwpmEngineSetOption0(" + EngineOptions.name(option.getKey()) + ")", WFP);
        }
        try {
            journal.delete();
        } catch (java.io.IOException ex) {
            throw new WfpException("restored the engine options but could not delete " + journal.file() + ": "
                    + ex.getMessage(), 0);
        }
        return "WFP: restored the engine options a ws_tool firewall run (PID " + e.pid() + ") changed and did not"
                + " restore: " + e.originals().keySet().stream().map(EngineOptions::name).toList();
    }

    /** Names (filter, layer, drive path, account) are resolved here, on run's thread, never in the callback. */
    private void emitNamed(WfpEventData d, NameResolver names, Emitter emitter) {
        if (WfpLayers.repeatsAnAllow(d.type, d.layerId)) {
            repeatedAllows.incrementAndGet();
            return;
        }
        try {
            emitter.emit(d.toEvent(Source.WFP, names));
        } catch (RuntimeException e) {
            decodeErrors.incrementAndGet();
            lastDecodeError = String.valueOf(e.getMessage());
        }
    }

    private Pointer subscribe(Pointer engine) throws WfpException {
        int highest = highest("FwpmNetEventSubscribe", 4);
        if (highest < 0) throw new WfpException("fwpuclnt.dll exports no FwpmNetEventSubscribe function", 0);
        template = new FWPM_NET_EVENT_ENUM_TEMPLATE0(); // no conditions: every event
        template.write();
        subscription = new FWPM_NET_EVENT_SUBSCRIPTION0();
        subscription.enumTemplate = template.getPointer();
        WindowsApiException first = null;
        // An exported level can still fail (simplewall's log.c falls back level by level the same way).
        for (int level = highest; level >= 0; level--) {
            if (level < highest && !exports.has("FwpmNetEventSubscribe" + level)) continue;
            Fwpuclnt.NetEventCallback cb = callbackFor(level + 1); // FWPM_NET_EVENT_CALLBACKn delivers FWPM_NET_EVENT(n+1)
            PointerByReference out = new PointerByReference();
            int rc = switch (level) {
                case 4 -> api.FwpmNetEventSubscribe4(engine, subscription, cb, null, out);
                case 3 -> api.FwpmNetEventSubscribe3(engine, subscription, cb, null, out);
                case 2 -> api.FwpmNetEventSubscribe2(engine, subscription, cb, null, out);
                case 1 -> api.FwpmNetEventSubscribe1(engine, subscription, cb, null, out);
                default -> api.FwpmNetEventSubscribe0(engine, subscription, cb, null, out);
            };
            if (rc != 0) {
                WindowsApiException e = Win32Errors.failure(rc, "FwpmNetEventSubscribe" + level, "cannot subscribe to"
                        + " the " + WFP + "'s net events", PrivilegeException.ADMINISTRATOR);
                if (e instanceof PrivilegeException) throw e; // no lower level will do better
                if (first == null) first = e;
                continue;
            }
            callback = cb;
            subscribeLevel = level;
            if (level < highest) {
                status.notice("WFP: " + first.getMessage() + "; using FwpmNetEventSubscribe" + level);
            }
            status.notice(READY + "receiving WFP net events (FwpmNetEventSubscribe" + level + ", "
                    + (all ? "drops and allows" : "drops") + ")");
            return out.getValue();
        }
        throw first;
    }

    /**
     * The callback only copies the event out of native memory and queues it: FwpmFilterGetById0, FwpmLayerGetById0,
     * QueryDosDevice and LookupAccountSid (seconds for a domain SID that must be asked of a domain controller) would
     * hold up WFP's delivery thread. System Informer (fwmon.c) and simplewall (log.c, a work queue) do the same.
     */
    private Fwpuclnt.NetEventCallback callbackFor(int version) {
        return (context, event) -> {
            try {
                if (!handoff.offer(NetEventDecoder.decode(version, event))) handoffDropped.incrementAndGet();
            } catch (RuntimeException | Error e) { // never let an exception unwind into fwpuclnt
                decodeErrors.incrementAndGet();
                lastDecodeError = String.valueOf(e.getMessage());
            }
        };
    }

    private void enumerate(Pointer engine, NameResolver names, Emitter emitter) throws WfpException {
        int level = highest("FwpmNetEventEnum", 5);
        if (level < 0) throw new WfpException("fwpuclnt.dll exports no FwpmNetEventEnum function", 0);
        template = new FWPM_NET_EVENT_ENUM_TEMPLATE0();
        long now = Instant.now().getEpochSecond() * 10_000_000L + 116_444_736_000_000_000L;
        template.endTime.dwHighDateTime = (int) (now >>> 32);
        template.endTime.dwLowDateTime = (int) now;
        PointerByReference enumHandle = new PointerByReference();
        checkRecent(api.FwpmNetEventCreateEnumHandle0(engine, template, enumHandle), "FwpmNetEventCreateEnumHandle0");
        try {
            long total = 0;
            while (total < MAX_RECENT && stopped.getCount() > 0) {
                PointerByReference entries = new PointerByReference();
                IntByReference returned = new IntByReference();
                int rc = switch (level) {
                    case 5 -> api.FwpmNetEventEnum5(engine, enumHandle.getValue(), ENUM_BATCH, entries, returned);
                    case 4 -> api.FwpmNetEventEnum4(engine, enumHandle.getValue(), ENUM_BATCH, entries, returned);
                    case 3 -> api.FwpmNetEventEnum3(engine, enumHandle.getValue(), ENUM_BATCH, entries, returned);
                    case 2 -> api.FwpmNetEventEnum2(engine, enumHandle.getValue(), ENUM_BATCH, entries, returned);
                    case 1 -> api.FwpmNetEventEnum1(engine, enumHandle.getValue(), ENUM_BATCH, entries, returned);
                    default -> api.FwpmNetEventEnum0(engine, enumHandle.getValue(), ENUM_BATCH, entries, returned);
                };
                checkRecent(rc, "FwpmNetEventEnum" + level);
                int n = returned.getValue();
                if (n <= 0 || entries.getValue() == null) break;
                try {
                    for (int i = 0; i < Math.min(n, ENUM_BATCH); i++) {
                        Pointer ev = entries.getValue().getPointer((long) i * Native.POINTER_SIZE);
                        try {
                            emitter.emit(NetEventDecoder.decode(level, ev).toEvent(Source.WFP, names));
                        } catch (RuntimeException e) {
                            decodeErrors.incrementAndGet();
                            lastDecodeError = String.valueOf(e.getMessage());
                        }
                    }
                } finally {
                    api.FwpmFreeMemory0(entries);
                }
                total += n;
                if (n < ENUM_BATCH) break;
            }
        } finally {
            api.FwpmNetEventDestroyEnumHandle0(engine, enumHandle.getValue());
        }
    }

    /**
     * As Win32Errors.check, with a hint for the one error --recent users can fix themselves: collection off
     * (FWP_E_NET_EVENTS_DISABLED, "Call FwpmEngineSetOption0 to enable collection", FwpmNetEventEnum0 docs). The
     * documented switch for people is {@code netsh wfp set options netevents=on} (learn.microsoft.com, netsh wfp);
     * it is the FWPM_ENGINE_COLLECT_NET_EVENTS option and stays set, so it is not done behind the user's back.
     */
    private static void checkRecent(int rc, String function) throws WfpException {
        if (rc == WfpConstants.FWP_E_NET_EVENTS_DISABLED) {
            throw new WfpException("the " + WFP + " is not collecting net events on this machine"
                    + " (FWP_E_NET_EVENTS_DISABLED from " + function + "), so it keeps no recent ones: turn collection"
                    + " on with 'netsh wfp set options netevents=on' as Administrator (it stays on; 'netsh wfp set"
                    + " options netevents=off' turns it off again) and try again once there has been traffic", rc);
        }
        Win32Errors.check(rc, function, WFP);
    }

    private int highest(String function, int from) {
        for (int n = from; n >= 0; n--) if (exports.has(function + n)) return n;
        return -1;
    }

    /**
     * The two engine options this source may change, as found, so they can be written back exactly. When the engine
     * refuses to read FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS (other than access denied), only collection is managed.
     */
    static final class EngineOptions {
        private final Fwpuclnt api;
        private Pointer engine; // the session the options are read and written through; replaced after a BFE restart
        private final FWP_VALUE0 collect;
        private final FWP_VALUE0 keywords; // null when the option is not supported
        private boolean collectChanged, keywordsChanged;
        private int setKeywords;

        private EngineOptions(Fwpuclnt api, Pointer engine, FWP_VALUE0 collect, FWP_VALUE0 keywords) {
            this.api = api;
            this.engine = engine;
            this.collect = collect;
            this.keywords = keywords;
        }

        static EngineOptions read(Fwpuclnt api, Pointer engine) {
            FWP_VALUE0 collect = get(api, engine, WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS, "FWPM_ENGINE_COLLECT_NET_EVENTS");
            FWP_VALUE0 keywords;
            try {
                keywords = get(api, engine, WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS,
                        "FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS");
            } catch (PrivilegeException e) {
                throw e;
            } catch (WindowsApiException e) {
                keywords = null; // refused (not access): only collection is managed, as the class comment says
            }
            return new EngineOptions(api, engine, collect, keywords);
        }

        private static FWP_VALUE0 get(Fwpuclnt api, Pointer engine, int option, String name) {
            PointerByReference out = new PointerByReference();
            Win32Errors.check(api.FwpmEngineGetOption0(engine, option, out), "FwpmEngineGetOption0(" + name + ")", WFP);
            try {
                FWP_VALUE0 v = new FWP_VALUE0(out.getValue());
                FWP_VALUE0 copy = new FWP_VALUE0();
                copy.type = v.type;
                copy.value = v.value;
                return copy;
            } finally {
                api.FwpmFreeMemory0(out);
            }
        }

        int collectValue() { return (int) collect.value; }

        int keywordsValue() { return keywords == null ? 0 : (int) keywords.value; }

        static String name(int option) {
            return option == WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS ? "FWPM_ENGINE_COLLECT_NET_EVENTS"
                    : option == WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS
                    ? "FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS" : "option " + option;
        }

        /** Turns on what is missing; records the values found in {@code journal} (if any) before changing them. */
        synchronized void enable(int wantedKeywords, OptionsJournal journal) throws WfpException {
            boolean collectOff = (int) collect.value == 0;
            int now = keywords == null ? 0 : (int) keywords.value;
            boolean keywordsMissing = keywords != null && (now | wantedKeywords) != now;
            if (!collectOff && !keywordsMissing) return;
            if (journal != null) {
                java.util.Map<Integer, long[]> originals = new java.util.LinkedHashMap<>();
                if (collectOff) originals.put(WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS, new long[] {collect.type, collect.value});
                if (keywordsMissing) originals.put(WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS, new long[] {keywords.type, keywords.value});
                try {
                    journal.write(new OptionsJournal.Entry(ProcessHandle.current().pid(), originals));
                } catch (java.io.IOException e) {
                    throw new WfpException("cannot record the engine options before changing them in " + journal.file()
                            + ": " + e.getMessage(), 0);
                }
            }
            if (collectOff) {
                set(WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS, 1, "FWPM_ENGINE_COLLECT_NET_EVENTS");
                collectChanged = true;
            }
            if (keywordsMissing) {
                setKeywords = now | wantedKeywords;
                set(WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS, setKeywords,
                        "FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS");
                keywordsChanged = true;
            }
            if (journal != null && !collectChanged && !keywordsChanged) {
                try {
                    journal.delete(); // nothing was changed after all
                } catch (java.io.IOException ignored) {
                    // a stale record only makes the next run write back the values found now
                }
            }
        }

        /**
         * After the Base Filtering Engine came back: the options are written and read through {@code newEngine} from
         * now on, and what this run had changed is set again (the engine keeps options across restarts, but one
         * that restarted may also have been reconfigured; setting a value it has is harmless).
         */
        synchronized void reapply(Pointer newEngine) {
            engine = newEngine;
            if (collectChanged) set(WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS, 1, "FWPM_ENGINE_COLLECT_NET_EVENTS");
            if (keywordsChanged) {
                set(WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS, setKeywords,
                        "FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS");
            }
        }

        /**
         * Writes back the values found, in reverse order; tries both even when one fails. Returns whether something
         * had been changed (and is now restored).
         */
        synchronized boolean restore() {
            boolean any = keywordsChanged || collectChanged;
            WindowsApiException first = null;
            if (keywordsChanged) {
                try {
                    setRaw(WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS, keywords, "FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS");
                    keywordsChanged = false;
                } catch (WindowsApiException e) {
                    first = e;
                }
            }
            if (collectChanged) {
                try {
                    setRaw(WfpConstants.FWPM_ENGINE_COLLECT_NET_EVENTS, collect, "FWPM_ENGINE_COLLECT_NET_EVENTS");
                    collectChanged = false;
                } catch (WindowsApiException e) {
                    if (first == null) first = e;
                }
            }
            if (first != null) throw first;
            return any;
        }

        private void set(int option, int value, String name) {
            FWP_VALUE0 v = new FWP_VALUE0();
            v.type = WfpConstants.FWP_UINT32;
            v.value = value & 0xFFFFFFFFL;
            setRaw(option, v, name);
        }

        private void setRaw(int option, FWP_VALUE0 v, String name) {
            FWP_VALUE0 arg = new FWP_VALUE0();
            arg.type = v.type;
            arg.value = v.value;
            Win32Errors.check(api.FwpmEngineSetOption0(engine, option, arg), "FwpmEngineSetOption0(" + name + ")", WFP);
        }
    }
}
