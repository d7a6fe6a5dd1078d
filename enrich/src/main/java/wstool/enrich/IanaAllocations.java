package wstool.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import wstool.core.net.Cidr;

/**
 * Which registry holds an address block according to IANA: the IPv4 /8 table and the IPv6 global unicast
 * assignments, from the bundled {@code iana-allocations.txt} (which names its source). Used by the {@code iana} command.
 */
public final class IanaAllocations {
    /** The block an address falls in and who holds it (an RIR, LEGACY, or an IANA-reserved class). */
    public record Allocation(Cidr block, String holder) {}

    private static final IanaAllocations INSTANCE = new IanaAllocations();

    private final PrefixTable<Allocation> table = new PrefixTable<>();

    private IanaAllocations() {
        try (InputStream in = IanaAllocations.class.getResourceAsStream("iana-allocations.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                for (String item : f[1].trim().split("\\s+")) {
                    Cidr c = item.contains(":") ? Cidr.parse(item) : Cidr.parse(Integer.parseInt(item) + ".0.0.0/8");
                    table.put(c, new Allocation(c, f[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bundled iana-allocations.txt unreadable", e);
        }
    }

    public static IanaAllocations iana() { return INSTANCE; }

    /** The allocation holding the address, or null (an IPv6 address outside the assigned unicast blocks). */
    public Allocation lookup(InetAddress address) { return table.lookup(address); }
}
