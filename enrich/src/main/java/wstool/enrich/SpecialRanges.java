package wstool.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import wstool.core.model.Enrichment;
import wstool.core.model.SpecialRange;
import wstool.core.net.Cidr;

/**
 * The IANA IPv4 and IPv6 special-purpose registries (private, loopback, link-local, multicast, CGNAT, documentation,
 * benchmarking, Teredo, 6to4, ULA, ...) as the {@code special} field, from the bundled
 * {@code iana-special-purpose.txt} (which names its source).
 */
public final class SpecialRanges implements GeoSource {
    /** One registry entry. */
    public record Block(Cidr network, String kind, String title, String reference) {}

    private static final SpecialRanges INSTANCE = new SpecialRanges();

    private final PrefixTable<Block> table = new PrefixTable<>();

    private SpecialRanges() {
        try (InputStream in = SpecialRanges.class.getResourceAsStream("iana-special-purpose.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                Cidr c = Cidr.parse(f[0]);
                table.put(c, new Block(c, f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bundled iana-special-purpose.txt unreadable", e);
        }
    }

    public static SpecialRanges iana() { return INSTANCE; }

    /** The most specific special-purpose block holding the address, or null for ordinary global unicast. */
    public Block block(InetAddress address) { return table.lookup(address); }

    @Override public String name() { return "iana-special"; }

    @Override public boolean coversIpv6() { return true; }

    @Override
    public Enrichment lookup(InetAddress address) {
        Block b = block(address);
        return b == null ? Enrichment.NONE : Enrichment.of(new SpecialRange(b.kind()));
    }
}
