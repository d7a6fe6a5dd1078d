package wstool.wfp;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid.GUID;
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
import wstool.wfp.fwpu.FwpTypes.FWPM_PROVIDER0;
import wstool.wfp.fwpu.FwpTypes.FWPM_SUBLAYER0;
import wstool.wfp.fwpu.Fwpuclnt;
import wstool.win32.DevicePaths;

/**
 * Names for live events: filters (name, provider, sublayer, action: {@link #filter}) and layer display names from
 * FwpmFilterGetById0 / FwpmLayerGetById0 (cached, entries
 * expire so renamed or re-added filters show their new names), device paths to drive paths ({@link DevicePaths}: the DOS device
 * table, refreshed on expiry), SIDs to DOMAIN\account (LookupAccountSid, cached: accounts do not move).
 * Misses are cached too, so a deleted filter costs one call per expiry, not one per event. Each cache holds at most
 * {@link #MAX_ENTRIES}. Called from the live source's own thread, never from WFP's callback (look-ups can block).
 */
final class WindowsNames implements NameResolver {
    static final int MAX_ENTRIES = 50_000;

    private record Entry<V>(Optional<V> value, long expiresAt) { }

    private final Fwpuclnt api;
    private final Pointer engine;
    private final DevicePaths paths;
    private final Function<String, String> accountLookup;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final Map<Long, Entry<WfpFilter>> filters = new ConcurrentHashMap<>();
    private final Map<String, Entry<String>> providers = new ConcurrentHashMap<>();
    private final Map<String, Entry<String>> subLayers = new ConcurrentHashMap<>();
    private final Map<Integer, Entry<String>> layers = new ConcurrentHashMap<>();
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
        WfpFilter f = filter(filterId);
        return f == null ? null : f.name();
    }

    /**
     * Who blocked it: FwpmFilterGetById0, then the filter's provider (FwpmProviderGetByKey0, when providerKey is not
     * NULL) and sublayer (FwpmSubLayerGetByKey0) by key, each cached on its own (many filters share one provider).
     * A provider or sublayer that is gone (FWP_E_PROVIDER_NOT_FOUND / FWP_E_SUBLAYER_NOT_FOUND) leaves only its key.
     * Every returned structure is copied out and released with FwpmFreeMemory0 before the next call.
     */
    @Override
    public WfpFilter filter(long filterId) {
        return cached(filters, filterId, () -> {
            PointerByReference out = new PointerByReference();
            if (api.FwpmFilterGetById0(engine, filterId, out) != 0 || out.getValue() == null) return null;
            String key, name, description, providerKey, layerKey, subLayerKey, action;
            GUID providerGuid = null, subLayerGuid;
            try {
                FWPM_FILTER0 f = new FWPM_FILTER0(out.getValue());
                key = guid(f.filterKey);
                name = NetEventDecoder.utf16z(f.displayData.name);
                description = NetEventDecoder.utf16z(f.displayData.description);
                if (f.providerKey != null) providerGuid = copy(new GUID(f.providerKey)); // GUID*, NULL: no provider
                providerKey = providerGuid == null ? null : guid(providerGuid);
                layerKey = guid(f.layerKey);
                subLayerGuid = copy(f.subLayerKey);
                subLayerKey = guid(subLayerGuid);
                action = WfpConstants.actionName(f.action.type);
            } finally {
                api.FwpmFreeMemory0(out);
            }
            String providerName = providerGuid == null ? null : providerName(providerKey, providerGuid);
            String subLayerName = subLayerName(subLayerKey, subLayerGuid);
            return new WfpFilter(filterId, key, name, description, providerKey, providerName, layerKey, subLayerKey,
                    subLayerName, action);
        });
    }

    private String providerName(String key, GUID guid) {
        return cached(providers, key, () -> {
            PointerByReference out = new PointerByReference();
            if (api.FwpmProviderGetByKey0(engine, guid, out) != 0 || out.getValue() == null) return null;
            try {
                return NetEventDecoder.utf16z(new FWPM_PROVIDER0(out.getValue()).displayData.name);
            } finally {
                api.FwpmFreeMemory0(out);
            }
        });
    }

    private String subLayerName(String key, GUID guid) {
        return cached(subLayers, key, () -> {
            PointerByReference out = new PointerByReference();
            if (api.FwpmSubLayerGetByKey0(engine, guid, out) != 0 || out.getValue() == null) return null;
            try {
                return NetEventDecoder.utf16z(new FWPM_SUBLAYER0(out.getValue()).displayData.name);
            } finally {
                api.FwpmFreeMemory0(out);
            }
        });
    }

    /** A GUID as netsh writes one: lower case, in braces. */
    static String guid(GUID g) {
        return g.toGuidString().toLowerCase(java.util.Locale.ROOT);
    }

    /** A GUID in memory of its own (the one read lives in memory FwpmFreeMemory0 releases). */
    private static GUID copy(GUID g) {
        GUID c = new GUID();
        c.Data1 = g.Data1;
        c.Data2 = g.Data2;
        c.Data3 = g.Data3;
        c.Data4 = g.Data4.clone();
        return c;
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

    private <K, V> V cached(Map<K, Entry<V>> cache, K key, Supplier<V> lookup) {
        long now = nanoTime.getAsLong();
        Entry<V> e = cache.get(key);
        if (e == null || now - e.expiresAt() >= 0) {
            if (cache.size() >= MAX_ENTRIES) cache.clear();
            e = new Entry<>(Optional.ofNullable(lookup.get()), now + ttlNanos);
            cache.put(key, e);
        }
        return e.value().orElse(null);
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
