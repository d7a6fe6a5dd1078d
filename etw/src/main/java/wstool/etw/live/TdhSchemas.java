package wstool.etw.live;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TdhGetEventInformation results cached per event kind, negative answers included, so that TDH is asked at most
 * once per kind. {@link #fetch} must run inside the event callback (TDH reads the EVENT_RECORD); {@link #cached} is
 * for any thread.
 */
final class TdhSchemas {

    /**
     * Cache key: the event descriptor's id, version, opcode, level and keyword, as krabsetw's schema_key
     * (schema_locator.hpp) and ferrisetw's SchemaKey have it. Classic (MOF) events all have id 0 and differ by
     * opcode (e.g. the RT_LostEvent types 32, 33 and 34), so provider and id alone would share one schema.
     */
    public record Key(UUID provider, int id, int version, int opcode, int level, long keyword) {
        public static Key of(LiveEventRecord r) {
            return new Key(r.provider(), r.eventId(), r.version(), r.opcode(), r.level(), r.keyword());
        }
    }

    private static final int MAX_INFO = 1 << 20;

    private final Tdh tdh;
    private final ConcurrentHashMap<Key, Optional<TdhSchema>> cache = new ConcurrentHashMap<>();

    public TdhSchemas(Tdh tdh) {
        this.tdh = tdh;
    }

    public Optional<TdhSchema> cached(Key key) {
        Optional<TdhSchema> s = cache.get(key);
        return s == null ? Optional.empty() : s;
    }

    public boolean known(Key key) {
        return cache.containsKey(key);
    }

    /** Asks TDH once per key (later calls return the cached answer). */
    public Optional<TdhSchema> fetch(Key key, Pointer eventRecord) {
        return cache.computeIfAbsent(key, k -> ask(eventRecord));
    }

    private Optional<TdhSchema> ask(Pointer eventRecord) {
        if (tdh == null) {
            return Optional.empty();
        }
        IntByReference size = new IntByReference(0);
        int rc = tdh.TdhGetEventInformation(eventRecord, 0, null, null, size);
        if (rc != WinError.ERROR_INSUFFICIENT_BUFFER || size.getValue() <= 0 || size.getValue() > MAX_INFO) {
            return Optional.empty();
        }
        Memory buf = new Memory(size.getValue());
        rc = tdh.TdhGetEventInformation(eventRecord, 0, null, buf, size);
        if (rc != WinError.ERROR_SUCCESS) {
            return Optional.empty();
        }
        try {
            return Optional.of(TdhSchema.parse(buf.getByteArray(0, (int) Math.min(buf.size(), size.getValue()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
