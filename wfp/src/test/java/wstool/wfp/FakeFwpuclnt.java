package wstool.wfp;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import wstool.wfp.fwpu.FwpTypes;
import wstool.wfp.fwpu.Fwpuclnt;

/**
 * fwpuclnt.dll as Java: exports up to a given level, engine options in a map, Win32 error codes on demand,
 * FWP_VALUE0 / FWPM_FILTER0 / FWPM_LAYER0 / event arrays handed out in native memory at SDK offsets, and
 * Unsubscribe0 waiting for running callbacks as Windows documents.
 */
final class FakeFwpuclnt implements Fwpuclnt {
    final SdkMemory mem = new SdkMemory();
    final Set<String> exports = new HashSet<>();
    final Map<Integer, Long> options = new HashMap<>();
    final Map<Integer, Integer> optionTypes = new HashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<Long, String> filterNames = new HashMap<>();
    final Map<Integer, String> layerNames = new HashMap<>();
    final AtomicInteger filterLookups = new AtomicInteger();
    final Set<Pointer> outstanding = Collections.synchronizedSet(new HashSet<>());
    final CountDownLatch subscribed = new CountDownLatch(1);
    /** Counted down at each successful subscription: the second one is a re-subscription. */
    final CountDownLatch subscribedTwice = new CountDownLatch(2);
    final AtomicInteger runningCallbacks = new AtomicInteger();
    final Pointer engine = new Memory(8);
    final Pointer eventsHandle = new Memory(8);
    final Pointer enumHandle = new Memory(8);

    int openRc, getOptionRc, setOptionRc, subscribeRc, enumRc;
    /** Per-level FwpmNetEventSubscribeN results (level to Win32 error), before subscribeRc. */
    final Map<Integer, Integer> subscribeRcByLevel = new HashMap<>();
    Integer getKeywordsRc;
    volatile NetEventCallback callback;
    volatile int subscribeLevel = -1;
    volatile int enumLevel = -1;
    List<Pointer> recent = new ArrayList<>();
    /** The Base Filtering Engine is stopped: calls fail with the RPC errors Windows gives, sessions end. */
    volatile boolean bfeDown;
    /** The engine session handle that is valid now (a restart of the BFE invalidates the ones opened before). */
    volatile Pointer liveEngine = engine;
    private volatile boolean restarted;
    int recentIndex;

    FakeFwpuclnt exportsUpTo(int subscribeLevel, int enumLevel) {
        exports.add("FwpmEngineOpen0");
        for (int i = 0; i <= subscribeLevel; i++) exports.add("FwpmNetEventSubscribe" + i);
        for (int i = 0; i <= enumLevel; i++) exports.add("FwpmNetEventEnum" + i);
        return this;
    }

    Binding binding() { return new Binding(this, exports::contains); }

    FakeFwpuclnt option(int option, long value) {
        options.put(option, value);
        optionTypes.put(option, wstool.wfp.WfpConstants.FWP_UINT32);
        return this;
    }

    /** The BFE service stops: the subscription ends without a word (no callback is called again). */
    void stopBfe() {
        restarted = true;
        callback = null;
        bfeDown = true;
    }

    void startBfe() { bfeDown = false; }

    /** RPC_S_SERVER_UNAVAILABLE for a call on a session the engine no longer has (BFE down or restarted since). */
    private int deadSession(Pointer engineHandle) {
        return bfeDown || !engineHandle.equals(liveEngine) ? WinError.RPC_S_SERVER_UNAVAILABLE : 0;
    }

    /** Calls the subscribed callback as fwpuclnt's worker thread would. */
    void fire(Pointer event) {
        runningCallbacks.incrementAndGet();
        try {
            callback.invoke(null, event);
        } finally {
            runningCallbacks.decrementAndGet();
        }
    }

    private void need(String function) {
        calls.add(function);
        if (!exports.contains(function) && function.matches("FwpmNetEvent(Subscribe|Enum)\\d")) {
            throw new UnsatisfiedLinkError("Error looking up function '" + function + "'");
        }
    }

    @Override public int FwpmEngineOpen0(Pointer serverName, int authnService, Pointer authIdentity,
                                        FwpTypes.FWPM_SESSION0 session, PointerByReference engineHandle) {
        calls.add("FwpmEngineOpen0");
        if (openRc != 0) return openRc;
        if (bfeDown) return WinError.EPT_S_NOT_REGISTERED; // nothing listens at the engine's RPC endpoint
        if (restarted) {
            restarted = false;
            liveEngine = new Memory(8);
        }
        engineHandle.setValue(liveEngine);
        return 0;
    }

    /** Every engine handle FwpmEngineClose0 was given, in order. */
    final List<Pointer> closedEngines = Collections.synchronizedList(new ArrayList<>());

    @Override public int FwpmEngineClose0(Pointer engineHandle) {
        calls.add("FwpmEngineClose0");
        closedEngines.add(engineHandle);
        return 0;
    }

    @Override public int FwpmEngineGetOption0(Pointer engineHandle, int option, PointerByReference value) {
        calls.add("FwpmEngineGetOption0(" + option + ")");
        if (getOptionRc != 0) return getOptionRc;
        if (deadSession(engineHandle) != 0) return deadSession(engineHandle);
        if (option == WfpConstants.FWPM_ENGINE_NET_EVENT_MATCH_ANY_KEYWORDS && getKeywordsRc != null) return getKeywordsRc;
        Memory v = mem.alloc(16); // FWP_VALUE0: type@0, union@8
        v.setInt(0, optionTypes.getOrDefault(option, WfpConstants.FWP_UINT32));
        v.setLong(8, options.getOrDefault(option, 0L));
        outstanding.add(v);
        value.setValue(v);
        return 0;
    }

    @Override public int FwpmEngineSetOption0(Pointer engineHandle, int option, FwpTypes.FWP_VALUE0 newValue) {
        newValue.write();
        Pointer p = newValue.getPointer();
        calls.add("FwpmEngineSetOption0(" + option + "=" + p.getLong(8) + ")");
        if (setOptionRc != 0) return setOptionRc;
        if (deadSession(engineHandle) != 0) return deadSession(engineHandle);
        optionTypes.put(option, p.getInt(0));
        options.put(option, p.getLong(8));
        return 0;
    }

    private int subscribe(int level, FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0 s, NetEventCallback cb, PointerByReference h) {
        need("FwpmNetEventSubscribe" + level);
        if (subscribeRcByLevel.containsKey(level)) return subscribeRcByLevel.get(level);
        if (subscribeRc != 0) return subscribeRc;
        s.write();
        if (s.getPointer().getPointer(0) == null) throw new AssertionError("subscription without enum template");
        callback = cb;
        subscribeLevel = level;
        h.setValue(eventsHandle);
        subscribed.countDown();
        subscribedTwice.countDown();
        return 0;
    }

    @Override public int FwpmNetEventSubscribe0(Pointer e, FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0 s, NetEventCallback cb, Pointer c, PointerByReference h) { return subscribe(0, s, cb, h); }
    @Override public int FwpmNetEventSubscribe1(Pointer e, FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0 s, NetEventCallback cb, Pointer c, PointerByReference h) { return subscribe(1, s, cb, h); }
    @Override public int FwpmNetEventSubscribe2(Pointer e, FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0 s, NetEventCallback cb, Pointer c, PointerByReference h) { return subscribe(2, s, cb, h); }
    @Override public int FwpmNetEventSubscribe3(Pointer e, FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0 s, NetEventCallback cb, Pointer c, PointerByReference h) { return subscribe(3, s, cb, h); }
    @Override public int FwpmNetEventSubscribe4(Pointer e, FwpTypes.FWPM_NET_EVENT_SUBSCRIPTION0 s, NetEventCallback cb, Pointer c, PointerByReference h) { return subscribe(4, s, cb, h); }

    @Override public int FwpmNetEventUnsubscribe0(Pointer engineHandle, Pointer handle) {
        calls.add("FwpmNetEventUnsubscribe0");
        if (!eventsHandle.equals(handle)) throw new AssertionError("unsubscribe with a foreign handle");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runningCallbacks.get() > 0) { // Windows: waits for running callbacks to return
            if (System.nanoTime() > deadline) throw new AssertionError("callback never returned: deadlock");
            Thread.onSpinWait();
        }
        callback = null;
        return 0;
    }

    @Override public int FwpmNetEventCreateEnumHandle0(Pointer e, FwpTypes.FWPM_NET_EVENT_ENUM_TEMPLATE0 t, PointerByReference h) {
        calls.add("FwpmNetEventCreateEnumHandle0");
        h.setValue(enumHandle);
        return 0;
    }

    private int enumerate(int level, int requested, PointerByReference entries, IntByReference returned) {
        need("FwpmNetEventEnum" + level);
        if (enumRc != 0) return enumRc;
        enumLevel = level;
        int n = Math.min(requested, recent.size() - recentIndex);
        returned.setValue(n);
        if (n == 0) return 0;
        Memory array = mem.alloc((long) n * SdkMemory.POINTER);
        for (int i = 0; i < n; i++) array.setPointer((long) i * SdkMemory.POINTER, recent.get(recentIndex++));
        outstanding.add(array);
        entries.setValue(array);
        return 0;
    }

    @Override public int FwpmNetEventEnum0(Pointer e, Pointer h, int n, PointerByReference x, IntByReference r) { return enumerate(0, n, x, r); }
    @Override public int FwpmNetEventEnum1(Pointer e, Pointer h, int n, PointerByReference x, IntByReference r) { return enumerate(1, n, x, r); }
    @Override public int FwpmNetEventEnum2(Pointer e, Pointer h, int n, PointerByReference x, IntByReference r) { return enumerate(2, n, x, r); }
    @Override public int FwpmNetEventEnum3(Pointer e, Pointer h, int n, PointerByReference x, IntByReference r) { return enumerate(3, n, x, r); }
    @Override public int FwpmNetEventEnum4(Pointer e, Pointer h, int n, PointerByReference x, IntByReference r) { return enumerate(4, n, x, r); }
    @Override public int FwpmNetEventEnum5(Pointer e, Pointer h, int n, PointerByReference x, IntByReference r) { return enumerate(5, n, x, r); }

    @Override public int FwpmNetEventDestroyEnumHandle0(Pointer e, Pointer h) {
        calls.add("FwpmNetEventDestroyEnumHandle0");
        return 0;
    }

    /** A filter as the engine holds it; keys as GUID strings ("{...}"), providerKey null for none. */
    record Filter(String key, String name, String description, String providerKey, String layerKey,
                  String subLayerKey, int actionType) { }

    /** Filters with all their parts (filterNames gives only a name, no provider). */
    final Map<Long, Filter> filters = new HashMap<>();
    /** Provider and sublayer display names by GUID string (lower case, braces). */
    final Map<String, String> providers = new HashMap<>();
    final Map<String, String> subLayers = new HashMap<>();
    /** The filter, provider and sublayer look-ups and every FwpmFreeMemory0, in order (not in {@link #calls}). */
    final List<String> lookupCalls = Collections.synchronizedList(new ArrayList<>());
    /** The threads the filter and provider look-ups ran on. */
    final Set<Thread> lookupThreads = Collections.synchronizedSet(new HashSet<>());
    final AtomicInteger providerLookups = new AtomicInteger();
    final AtomicInteger subLayerLookups = new AtomicInteger();

    /**
     * FWPM_FILTER0 (200 bytes, x64 SDK offsets): filterKey @0, displayData.name @16, .description @24,
     * providerKey (GUID*) @40, layerKey @64, subLayerKey @80, action.type @128, filterId @176.
     */
    @Override public int FwpmFilterGetById0(Pointer e, long id, PointerByReference filter) {
        lookupCalls.add("FwpmFilterGetById0(" + id + ")");
        lookupThreads.add(Thread.currentThread());
        filterLookups.incrementAndGet();
        Filter full = filters.get(id);
        String name = full != null ? full.name() : filterNames.get(id);
        if (name == null) return WfpConstants.FWP_E_FILTER_NOT_FOUND;
        Memory f = mem.alloc(200);
        f.setPointer(16, mem.utf16z(name));
        f.setLong(176, id);
        if (full != null) {
            putGuid(f, 0, full.key());
            if (full.description() != null) f.setPointer(24, mem.utf16z(full.description()));
            if (full.providerKey() != null) {
                Memory g = mem.alloc(16);
                putGuid(g, 0, full.providerKey());
                f.setPointer(40, g);
            }
            putGuid(f, 64, full.layerKey());
            putGuid(f, 80, full.subLayerKey());
            f.setInt(128, full.actionType());
        }
        outstanding.add(f);
        filter.setValue(f);
        return 0;
    }

    /** FWPM_PROVIDER0 (64 bytes): providerKey @0, displayData.name @16, serviceName @56. */
    @Override public int FwpmProviderGetByKey0(Pointer e, com.sun.jna.platform.win32.Guid.GUID key, PointerByReference provider) {
        key.write(); // as native code sees the const GUID* JNA passes
        String k = readGuid(key.getPointer(), 0);
        lookupCalls.add("FwpmProviderGetByKey0(" + k + ")");
        lookupThreads.add(Thread.currentThread());
        providerLookups.incrementAndGet();
        String name = providers.get(k);
        if (name == null) return WfpConstants.FWP_E_PROVIDER_NOT_FOUND;
        Memory m = mem.alloc(64);
        putGuid(m, 0, k);
        m.setPointer(16, mem.utf16z(name));
        outstanding.add(m);
        provider.setValue(m);
        return 0;
    }

    /** FWPM_SUBLAYER0 (72 bytes): subLayerKey @0, displayData.name @16, flags (UINT16) @32, weight (UINT16) @64. */
    @Override public int FwpmSubLayerGetByKey0(Pointer e, com.sun.jna.platform.win32.Guid.GUID key, PointerByReference subLayer) {
        key.write();
        String k = readGuid(key.getPointer(), 0);
        lookupCalls.add("FwpmSubLayerGetByKey0(" + k + ")");
        subLayerLookups.incrementAndGet();
        String name = subLayers.get(k);
        if (name == null) return WfpConstants.FWP_E_SUBLAYER_NOT_FOUND;
        Memory m = mem.alloc(72);
        putGuid(m, 0, k);
        m.setPointer(16, mem.utf16z(name));
        m.setShort(64, (short) 0x7fff);
        outstanding.add(m);
        subLayer.setValue(m);
        return 0;
    }

    /** A GUID string written as Windows lays a GUID out: Data1 (LE UINT32), Data2, Data3 (LE UINT16), Data4[8]. */
    static void putGuid(Pointer m, long off, String guid) {
        String h = guid.replaceAll("[{}-]", "");
        m.setInt(off, (int) Long.parseLong(h.substring(0, 8), 16));
        m.setShort(off + 4, (short) Integer.parseInt(h.substring(8, 12), 16));
        m.setShort(off + 6, (short) Integer.parseInt(h.substring(12, 16), 16));
        for (int i = 0; i < 8; i++) m.setByte(off + 8 + i, (byte) Integer.parseInt(h.substring(16 + 2 * i, 18 + 2 * i), 16));
    }

    static String readGuid(Pointer m, long off) {
        StringBuilder sb = new StringBuilder(String.format("{%08x-%04x-%04x-", m.getInt(off), m.getShort(off + 4) & 0xffff,
                m.getShort(off + 6) & 0xffff));
        for (int i = 0; i < 8; i++) {
            if (i == 2) sb.append('-');
            sb.append(String.format("%02x", m.getByte(off + 8 + i) & 0xff));
        }
        return sb.append('}').toString();
    }

    /** FWPM_LAYER0 (72 bytes): displayData.name @16, layerId @64. */
    @Override public int FwpmLayerGetById0(Pointer e, short id, PointerByReference layer) {
        String name = layerNames.get((int) id);
        if (name == null) return 0x80320004; // FWP_E_LAYER_NOT_FOUND
        Memory l = mem.alloc(72);
        l.setPointer(16, mem.utf16z(name));
        l.setShort(64, id);
        outstanding.add(l);
        layer.setValue(l);
        return 0;
    }

    @Override public void FwpmFreeMemory0(PointerByReference p) {
        if (!outstanding.remove(p.getValue())) throw new AssertionError("FwpmFreeMemory0 of memory the API never returned");
        lookupCalls.add("FwpmFreeMemory0");
        // freed memory is garbage on Windows: poison it so a read after the free shows in the results
        if (p.getValue() instanceof Memory m) m.setMemory(0, m.size(), (byte) 0xCC);
        p.setValue(null);
    }
}
