package wstool.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import wstool.wfp.fwpu.FwpTypes.FWPM_FILTER0;
import wstool.wfp.fwpu.FwpTypes.FWPM_LAYER0;
import wstool.wfp.fwpu.Fwpuclnt;
import wstool.win32.DevicePaths;

/**
 * Names for live events: filter and layer display names from FwpmFilterGetById0 / FwpmLayerGetById0 (cached, entries
 * expire so renamed or re-added filters show their new names), device paths to drive paths ({@link DevicePaths}: the DOS device
 * table, refreshed on expiry), SIDs to DOMAIN\account (LookupAccountSid, cached: accounts do not move).
 * Misses are cached too, so a deleted filter costs one call per expiry, not one per event. Each cache holds at most
 * {@link #MAX_ENTRIES}. Called from the live source's own thread, never from WFP's callback (look-ups can block).
 */
final class WindowsNames implements NameResolver {
    static final int MAX_ENTRIES = 50_000;

    private record Entry(Optional<String> name, long expiresAt) { }

    private final Fwpuclnt api;
    private final Pointer engine;
    private final DevicePaths paths;
    private final Function<String, String> accountLookup;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final Map<Long, Entry> filters = new ConcurrentHashMap<>();
    private final Map<Integer, Entry> layers = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> accounts = new ConcurrentHashMap<>();

    /**
     * @param paths device paths to drive paths (the converter ETW's process names use too)
     * @param accountLookup SID string to DOMAIN\account, null when unknown
     */
    public WindowsNames(Fwpuclnt api, Pointer engine, DevicePaths paths,
                        Function<String, String> accountLookup, LongSupplier nanoTime, Duration ttl) {
        this.api = api;
        this.engine = engine;
        this.paths = paths;
        this.accountLookup = accountLookup;
        this.nanoTime = nanoTime;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public String filterName(long filterId) {
        return cached(filters, filterId, () -> {
            PointerByReference out = new PointerByReference();
            if (api.FwpmFilterGetById0(engine, filterId, out) != 0 || out.getValue() == null) return null;
            try {
                FWPM_FILTER0 f = new FWPM_FILTER0(out.getValue());
                return NetEventDecoder.utf16z(f.displayData.name);
            } finally {
                api.FwpmFreeMemory0(out);
            }
        });
    }

    @Override
    public String layerName(int layerId) {
        return cached(layers, layerId, () -> {
            PointerByReference out = new PointerByReference();
            if (api.FwpmLayerGetById0(engine, (short) layerId, out) != 0 || out.getValue() == null) return null;
            try {
                FWPM_LAYER0 l = new FWPM_LAYER0(out.getValue());
                return NetEventDecoder.utf16z(l.displayData.name);
            } finally {
                api.FwpmFreeMemory0(out);
            }
        });
    }

    private <K> String cached(Map<K, Entry> cache, K key, Supplier<String> lookup) {
        long now = nanoTime.getAsLong();
        Entry e = cache.get(key);
        if (e == null || now - e.expiresAt() >= 0) {
            if (cache.size() >= MAX_ENTRIES) cache.clear();
            e = new Entry(Optional.ofNullable(lookup.get()), now + ttlNanos);
            cache.put(key, e);
        }
        return e.name().orElse(null);
    }

    @Override
    public String drivePath(String devicePath) {
        return paths.drivePath(devicePath);
    }

    @Override
    public String account(String sid) {
        Optional<String> known = accounts.get(sid);
        if (known == null) {
            if (accounts.size() >= MAX_ENTRIES) accounts.clear();
            String name = accountLookup.apply(sid);
            known = Optional.ofNullable(name != null ? name : WellKnownSids.name(sid));
            accounts.put(sid, known);
        }
        return known.orElse(null);
    }
}
