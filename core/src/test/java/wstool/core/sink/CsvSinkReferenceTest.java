package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import wstool.core.GoldenEvents;
import wstool.core.model.AutonomousSystem;
import wstool.core.model.CallPhase;
import wstool.core.model.Direction;
import wstool.core.model.DnsEvent;
import wstool.core.model.DropListing;
import wstool.core.model.Endpoint;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.FirewallEvent;
import wstool.core.model.FirewallEventType;
import wstool.core.model.GeoLocation;
import wstool.core.model.IpFireFlags;
import wstool.core.model.NetEvent;
import wstool.core.model.RawEvent;
import wstool.core.model.SocketEvent;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;
import wstool.core.model.SpecialRange;

/**
 * The CSV sink formats rows itself for speed; its bytes must stay those of the way it was written before: FastCSV's
 * writer (default settings, CRLF) fed each field's text ({@link EventField#text}), text from outside neutralised.
 * That reference is kept here and both are run over the golden events and 20,000 random events whose text is drawn
 * from the characters that matter (quote, comma, CR, LF, '#', the formula starters, non-ASCII).
 */
class CsvSinkReferenceTest {
    static String reference(List<NetEvent> events) throws IOException {
        StringWriter w = new StringWriter();
        CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(w);
        csv.writeRecord(CsvSink.COLUMNS);
        IsoTimestamps ts = new IsoTimestamps();
        for (NetEvent e : events) {
            List<String> row = new ArrayList<>();
            for (EventField f : CsvSink.FIELDS) {
                Object v = f.value(e);
                if (!f.known(v)) row.add("");
                else if (v instanceof Instant t) row.add(ts.format(t));
                else row.add(v instanceof String || v instanceof List<?> ? CsvSink.safe(f.text(v)) : f.text(v));
            }
            csv.writeRecord(row);
        }
        csv.flush();
        return w.toString();
    }

    static String sink(List<NetEvent> events) throws IOException {
        StringWriter w = new StringWriter();
        try (CsvSink s = new CsvSink(w)) {
            for (NetEvent e : events) s.accept(e);
        }
        return w.toString();
    }

    @Test
    void goldenEventsAsFastCsvWroteThem() throws IOException {
        assertEquals(reference(GoldenEvents.all()), sink(GoldenEvents.all()));
    }

    @Test
    void randomEventsAsFastCsvWroteThem() throws IOException {
        Random r = new Random(21);
        List<NetEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) events.add(random(r, i));
        String expected = reference(events);
        String actual = sink(events);
        if (!expected.equals(actual)) {
            String[] e = expected.split("\r\n", -1);
            String[] a = actual.split("\r\n", -1);
            for (int i = 0; i < Math.min(e.length, a.length); i++) assertEquals(e[i], a[i], "row " + i);
        }
        assertEquals(expected, actual);
    }

    private static final String CHARS = "ab,\"\r\n#=+-@\t' ;xé€🙂0";

    private static String text(Random r) {
        if (r.nextInt(5) == 0) return null;
        int n = r.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(CHARS.length() - 1);
            if (Character.isHighSurrogate(CHARS.charAt(at))) sb.append(CHARS, at, at + 2);
            else if (!Character.isLowSurrogate(CHARS.charAt(at))) sb.append(CHARS.charAt(at));
        }
        return sb.toString();
    }

    private static InetAddress address(Random r) {
        if (r.nextInt(6) == 0) return null;
        byte[] b = new byte[r.nextBoolean() ? 4 : 16];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Endpoints of a few conversations come back (the same objects, as the decoders reuse them), in other pairs and
     * with other protocols too: the sink's copied conversation cells must follow every change.
     */
    private static final Endpoint[] RECURRING = new Endpoint[6];

    static Endpoint endpoint(Random r) {
        if (r.nextBoolean()) return Endpoint.of(address(r), r.nextInt(65537) - 1);
        int slot = r.nextInt(RECURRING.length);
        if (RECURRING[slot] == null || r.nextInt(50) == 0) RECURRING[slot] = Endpoint.of(address(r), r.nextInt(65537) - 1);
        return RECURRING[slot];
    }

    static NetEvent random(Random r, int i) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            String key = text(r);
            raw.put(key == null ? "k" + k : key + k, text(r));
        }
        double[] coords = {51.5142, -0.0931, 0.0, -97.822, 1e-5, 37.751};
        Enrichment en = r.nextInt(3) == 0 ? Enrichment.NONE : new Enrichment(
                new GeoLocation(text(r), text(r), text(r), text(r), coords[r.nextInt(coords.length)], r.nextInt(4) == 0 ? null : r.nextDouble() * 360 - 180),
                new AutonomousSystem(r.nextInt(4) == 0 ? null : (long) r.nextInt(400_000), text(r)),
                r.nextBoolean() ? null : new DropListing(text(r) + "x"), r.nextBoolean() ? null : new SpecialRange("p" + text(r)),
                r.nextBoolean() ? null : new IpFireFlags(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean()));
        Source[] sources = Source.values();
        EventHeader h = new EventHeader(Instant.ofEpochSecond(1_700_000_000L + r.nextInt(3), r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000)),
                sources[r.nextInt(sources.length)], r.nextInt(5) == 0 ? -1 : r.nextInt(100_000), text(r), text(r),
                new int[] {-1, 1, 6, 17, 58, 200}[r.nextInt(6)],
                endpoint(r), endpoint(r), raw, en,
                text(r));
        return switch (i % 4) {
            case 0 -> new FirewallEvent(h, FirewallEventType.values()[r.nextInt(FirewallEventType.values().length)],
                    Direction.values()[r.nextInt(Direction.values().length)], r.nextInt(100) - 1, text(r), r.nextInt(100) - 1, text(r), text(r));
            case 1 -> new SocketEvent(h, SocketOp.values()[r.nextInt(SocketOp.values().length)],
                    CallPhase.values()[r.nextInt(CallPhase.values().length)], Direction.values()[r.nextInt(Direction.values().length)],
                    r.nextLong(), r.nextInt(30) - 1, r.nextInt(4) - 1, r.nextInt(70_000) - 1, r.nextInt(70_000) - 1,
                    r.nextInt(3) == 0 ? 0xC0000236L : 0, text(r));
            case 2 -> new DnsEvent(h, text(r), r.nextInt(40) - 1, r.nextInt(3) == 0 ? 9003 : 0, text(r),
                    r.nextBoolean() ? List.of() : List.of("=" + r.nextInt(9), "1.2.3." + r.nextInt(9)));
            default -> new RawEvent(h, text(r), r.nextInt(2000) - 1, r.nextInt(5) - 1, r.nextBoolean() ? "" : "00ff");
        };
    }
}
