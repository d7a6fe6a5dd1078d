package wstool.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import wstool.core.model.DropListing;
import wstool.core.model.Enrichment;
import wstool.core.net.Cidr;

/**
 * Spamhaus DROP: networks from {@code drop.txt} / {@code dropv6.txt} ({@code CIDR ; SBLnnn}) or
 * {@code drop_v4.json} / {@code drop_v6.json} (JSON lines with {@code cidr}, {@code sblid}), and autonomous systems
 * from {@code asndrop.json} ({@code asn}, ...). An address is listed when its network is in DROP (longest-prefix
 * {@link PrefixTable}) or its ASN, as found by another source, is in ASN-DROP ({@link #asnListing}).
 */
public final class SpamhausDrop implements GeoSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrefixTable<String> networks = new PrefixTable<>();
    private final Map<Long, String> asns = new HashMap<>();
    private Instant newestList;

    /** Loads each file by its content (JSON lines or text); a damaged line fails naming file and line. */
    public static SpamhausDrop load(Path... files) {
        SpamhausDrop d = new SpamhausDrop();
        for (Path f : files) {
            try {
                d.add(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new GeoDataException(f + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return d;
    }

    /** Adds one list given as text; {@code name} names it in errors. */
    public SpamhausDrop add(String name, String content) {
        try (BufferedReader r = new BufferedReader(reader(content))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith(";") || t.startsWith("#")) continue;
                try {
                    if (t.startsWith("{")) addJson(t);
                    else addText(t);
                } catch (RuntimeException | IOException e) {
                    throw new GeoDataException(name + ": line " + no + " is not a DROP entry (" + e.getMessage() + ")", e);
                }
            }
        } catch (IOException e) {
            throw new GeoDataException(name + ": " + e.getMessage(), e);
        }
        return this;
    }

    private static Reader reader(String s) { return new StringReader(s); }

    private void addText(String t) {
        int semi = t.indexOf(';');
        String cidr = (semi < 0 ? t : t.substring(0, semi)).strip();
        String id = semi < 0 ? "DROP" : t.substring(semi + 1).strip();
        if (id.isEmpty()) id = "DROP";
        networks.put(Cidr.parse(cidr), id);
    }

    private void addJson(String t) throws IOException {
        JsonNode n = JSON.readTree(t);
        if (!n.isObject()) throw new IllegalArgumentException("not a JSON object");
        if (n.has("cidr")) {
            String id = n.path("sblid").asText("");
            networks.put(Cidr.parse(n.get("cidr").asText()), id.isEmpty() ? "DROP" : id);
        } else if (n.has("asn")) {
            if (!n.get("asn").canConvertToLong() || n.get("asn").asLong() < 0) {
                throw new IllegalArgumentException("asn is not a number");
            }
            asns.put(n.get("asn").asLong(), "ASN-DROP");
        } else if ("metadata".equals(n.path("type").asText())) {
            if (n.has("timestamp") && n.get("timestamp").canConvertToLong()) {
                Instant ts = Instant.ofEpochSecond(n.get("timestamp").asLong());
                if (newestList == null || ts.isAfter(newestList)) newestList = ts;
            }
        } else {
            throw new IllegalArgumentException("neither cidr, asn nor metadata");
        }
    }

    @Override public String name() { return "spamhaus-drop"; }

    @Override public boolean coversIpv6() { return true; }

    @Override
    public Enrichment lookup(InetAddress address) {
        String id = networks.lookup(address);
        return id == null ? Enrichment.NONE : Enrichment.of(new DropListing(id));
    }

    /** "ASN-DROP" when the AS is on ASN-DROP, else null. */
    public String asnListing(Long asn) { return asn == null ? null : asns.get(asn); }

    public int networkCount() { return networks.size(); }

    public int asnCount() { return asns.size(); }

    /** The newest metadata timestamp of the JSON lists, or null (text lists carry none). */
    public Instant listTime() { return newestList; }
}
