package wstool.enrich;

import java.io.Closeable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import wstool.core.model.DropListing;
import wstool.core.model.Enrichment;
import wstool.core.net.Addresses;
import wstool.core.pipeline.AddressEnricher;

/**
 * Combines {@link GeoSource}s by precedence: each field comes from the first source (in list order) that knows it.
 * IPv4-mapped IPv6 addresses are looked up as IPv4; IPv6 addresses go only to sources that hold IPv6 data.
 * An address is DROP-listed when a DROP source lists its network or its (merged) ASN is on ASN-DROP.
 * Answers are kept in a bounded direct-mapped cache (one slot per address hash, a newer address overwrites an older
 * one): a hit costs one hash and one equals, a miss one array store, with no allocation or eviction bookkeeping, so
 * it never slows a stream of all-new addresses; the hot addresses of real traffic win their slot back at once.
 * A source that fails on a lookup is skipped for that address and counted; the first failure is kept for
 * {@code doctor}. Not thread-safe: one thread uses it (the pipeline's consumer, as {@link AddressEnricher} says),
 * with one exception: {@link #offer} may be called from any thread to hand over faster equivalents of sources (range
 * tables built in the background); the consumer adopts them at its next {@link #lookup}, at the cost of one volatile
 * read per lookup until then.
 */
public final class Enricher implements AddressEnricher, Closeable {
    /** One source's own answer, for the lookup commands. */
    public record Answer(String source, Enrichment enrichment) {}

    public static final int DEFAULT_CACHE_SIZE = 65_536;

    private List<GeoSource> sources;
    /** Replacements offered by another thread, by the source they replace (identity); null when none is waiting. */
    private final AtomicReference<Map<GeoSource, GeoSource>> offered = new AtomicReference<>();
    private int adopted;
    private long misses;
    private long missTrigger = Long.MAX_VALUE;
    private Runnable onMisses;
    private final List<SpamhausDrop> dropLists = new ArrayList<>();
    private final InetAddress[] keys;
    private final Enrichment[] values;
    private final int shift;
    private long failures;
    private String firstFailure;

    public Enricher(List<? extends GeoSource> sources, int cacheSize) {
        this.sources = List.copyOf(sources);
        for (GeoSource s : this.sources) if (s instanceof SpamhausDrop d) dropLists.add(d);
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, cacheSize) - 1); // slots: next power of two
        this.keys = new InetAddress[1 << bits];
        this.values = new Enrichment[1 << bits];
        this.shift = 32 - bits;
    }

    public Enricher(List<? extends GeoSource> sources) { this(sources, DEFAULT_CACHE_SIZE); }

    public List<GeoSource> sources() { return sources; }

    @Override
    public Enrichment lookup(InetAddress address) {
        if (address == null) return Enrichment.NONE;
        if (offered.get() != null) adoptOffered();
        InetAddress a = Addresses.unmapped(address);
        int slot = shift == 32 ? 0 : (a.hashCode() * 0x9E3779B9) >>> shift;
        if (a.equals(keys[slot])) return values[slot];
        Enrichment e = compute(a);
        if (++misses == missTrigger) {
            Runnable r = onMisses;
            onMisses = null;
            r.run();
        }
        keys[slot] = a;
        values[slot] = e;
        return e;
    }

    /**
     * Hands over sources that answer exactly like ones in use (same name, same answers; e.g. a {@link CompactTable}
     * wrapping the {@link MaxMindSource} it replaces): safe from any thread, adopted by the consumer at its next
     * lookup. A replacement for a source not in use is ignored. The replacement must not close anything the
     * replaced source still needs until it is itself closed with this Enricher.
     */
    public void offer(Map<GeoSource, GeoSource> replacements) {
        Map<GeoSource, GeoSource> copy = new IdentityHashMap<>(replacements);
        offered.accumulateAndGet(copy, (old, add) -> {
            if (old == null) return add;
            Map<GeoSource, GeoSource> m = new IdentityHashMap<>(old);
            m.putAll(add);
            return m;
        });
    }

    private void adoptOffered() {
        Map<GeoSource, GeoSource> r = offered.getAndSet(null);
        if (r == null) return;
        List<GeoSource> next = new ArrayList<>(sources.size());
        for (GeoSource s : sources) {
            GeoSource n = r.get(s);
            if (n != null) adopted++;
            next.add(n == null ? s : n);
        }
        sources = List.copyOf(next);
        // the cached answers are the same; dropping them releases what the readers decoded and keeps one story
        java.util.Arrays.fill(keys, null);
        java.util.Arrays.fill(values, null);
    }

    /**
     * Runs {@code action} once, on the consumer thread, at the {@code count}-th cache miss (a lookup the cache could
     * not answer): how a job tells cheaply that it sees enough distinct addresses for faster tables to pay off.
     * Call before lookups start.
     */
    public void onMisses(long count, Runnable action) {
        if (count < 1) throw new IllegalArgumentException("count must be 1 or more");
        missTrigger = Math.max(count, misses + 1);
        onMisses = action;
    }

    /** Lookups the cache could not answer so far (consumer thread). */
    public long misses() { return misses; }

    /** How many sources were replaced through {@link #offer} so far. */
    public int adoptedReplacements() { return adopted; }

    private Enrichment compute(InetAddress a) {
        boolean v6 = a instanceof Inet6Address;
        Enrichment merged = Enrichment.NONE;
        for (GeoSource s : sources) {
            if (v6 && !s.coversIpv6()) continue;
            merged = merged.orElse(ask(s, a));
        }
        return withAsnDrop(merged);
    }

    /** Every source's own answer (sources that know nothing are left out), in precedence order, uncached. */
    public List<Answer> answers(InetAddress address) {
        InetAddress a = Addresses.unmapped(address);
        boolean v6 = a instanceof Inet6Address;
        List<Answer> out = new ArrayList<>();
        for (GeoSource s : sources) {
            if (v6 && !s.coversIpv6()) continue;
            Enrichment e = ask(s, a);
            if (!e.isEmpty()) out.add(new Answer(s.name(), e));
        }
        return out;
    }

    /** The merged answer's DROP id, adding ASN-DROP membership of its ASN. */
    private Enrichment withAsnDrop(Enrichment e) {
        if (e.dropId() != null || e.asn() == null) return e;
        for (SpamhausDrop d : dropLists) {
            String id = d.asnListing(e.asn());
            if (id != null) {
                return e.withDropListing(new DropListing(id));
            }
        }
        return e;
    }

    private Enrichment ask(GeoSource s, InetAddress a) {
        try {
            return s.lookup(a);
        } catch (GeoDataException e) {
            failures++;
            if (firstFailure == null) firstFailure = e.getMessage();
            return Enrichment.NONE;
        }
    }

    public long failures() { return failures; }

    public String firstFailure() { return firstFailure; }

    public long cachedEntries() {
        long n = 0;
        for (InetAddress k : keys) if (k != null) n++;
        return n;
    }

    public int cacheSlots() { return keys.length; }

    @Override
    public void close() {
        for (GeoSource s : sources) s.close();
    }
}
