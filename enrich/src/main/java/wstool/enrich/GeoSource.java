package wstool.enrich;

import java.io.Closeable;
import java.net.InetAddress;
import wstool.core.model.Enrichment;

/**
 * One database that knows something about addresses (a GeoIP file, a DROP list, the IANA registries).
 * Implementations are safe for use from one thread at a time; the {@link Enricher} combines them by precedence.
 */
public interface GeoSource extends Closeable {
    /** Short name shown by the lookup commands, e.g. "geolite2-city", "ipfire", "drop". */
    String name();

    /** Whether this source holds IPv6 data; IPv6 lookups are never sent to a source that does not. */
    boolean coversIpv6();

    /**
     * What the source knows about an address (IPv4-mapped IPv6 addresses arrive already unmapped to IPv4);
     * {@link Enrichment#NONE} when it knows nothing. Unreadable data throws {@link GeoDataException}.
     */
    Enrichment lookup(InetAddress address);

    @Override
    default void close() {}
}
