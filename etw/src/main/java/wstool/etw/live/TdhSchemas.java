package wstool.etw.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TdhGetEventInformation results cached per (provider, event id, version), negative answers included, so that
 * TDH is asked at most once per event kind. {@link #fetch} must run inside the event callback (TDH reads the
 * EVENT_RECORD); {@link #cached} is for any thread.
 */
public final class TdhSchemas {

    /** Cache key. */
    public record Key(UUID provider, int id, int version) {
    }

    private static final int MAX_INFO = 1 << 20;

    private final EtwApi.Tdh tdh;
    private final ConcurrentHashMap<Key, Optional<TdhSchema>> cache = new ConcurrentHashMap<>();

    public TdhSchemas(EtwApi.Tdh tdh) {
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
        if (rc != EtwApi.ERROR_INSUFFICIENT_BUFFER || size.getValue() <= 0 || size.getValue() > MAX_INFO) {
            return Optional.empty();
        }
        Memory buf = new Memory(size.getValue());
        rc = tdh.TdhGetEventInformation(eventRecord, 0, null, buf, size);
        if (rc != EtwApi.ERROR_SUCCESS) {
            return Optional.empty();
        }
        try {
            return Optional.of(TdhSchema.parse(buf.getByteArray(0, (int) Math.min(buf.size(), size.getValue()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
