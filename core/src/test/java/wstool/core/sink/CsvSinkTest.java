package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.model.NetEvent;

class CsvSinkTest {
    private static List<NamedCsvRecord> roundTrip(List<NetEvent> events) throws Exception {
        StringWriter w = new StringWriter();
        try (CsvSink sink = new CsvSink(w)) {
            for (NetEvent e : events) sink.accept(e);
        }
        return CsvReader.builder().ofNamedCsvRecord(w.toString()).stream().toList();
    }

    @Test
    void headerIsTheDocumentedColumnOrderAndLinesEndWithCrLf() throws Exception {
        StringWriter w = new StringWriter();
        try (CsvSink sink = new CsvSink(w)) {
            sink.accept(Events.drop("203.0.113.9", 40000, 22));
        }
        String[] lines = w.toString().split("\r\n", -1);
        assertEquals(String.join(",", CsvSink.COLUMNS), lines[0]);
        assertEquals(3, lines.length, "header, one row, and the empty rest after the final CRLF");
        assertEquals("", lines[2]);
    }

    @Test
    void everyEventKindFillsItsColumns() throws Exception {
        List<NamedCsvRecord> rows = roundTrip(Events.everyKind());
        assertEquals(4, rows.size());
        NamedCsvRecord fw = rows.get(0);
        assertEquals("2026-11-20T09:15:00.123456789Z", fw.getField("timestamp"));
        assertEquals("CAP_DROP", fw.getField("kind"));
        assertEquals("UDP", fw.getField("protocol"));
        assertEquals("2001:db8:ffff::2", fw.getField("remote_address"));
        assertEquals("53", fw.getField("remote_port"));
        assertEquals("domain", fw.getField("service"));
        assertEquals("GB", fw.getField("country_code"));
        assertEquals("London", fw.getField("city"));
        assertEquals("-0.0931", fw.getField("longitude"), "numbers this sink formats are not neutralised");
        assertEquals("29518", fw.getField("asn"));
        assertEquals("SBL123456", fw.getField("drop_id"));
        assertEquals("99", fw.getField("filter_id"));
        assertEquals("rule \"x\", y", fw.getField("rule"), "quotes and commas survive RFC 4180 quoting");
        assertEquals("appId=\\device\\x; n=1", fw.getField("details"));
        NamedCsvRecord sock = rows.get(1);
        assertEquals("RECV", sock.getField("kind"));
        assertEquals("65536", sock.getField("buffer_length"));
        assertEquals("1200", sock.getField("bytes"));
        assertEquals(Long.toString(0xC0000236L), sock.getField("status"));
        assertEquals("STATUS_CONNECTION_REFUSED", sock.getField("status_name"));
        assertEquals("", sock.getField("country_code"));
        NamedCsvRecord dns = rows.get(2);
        assertEquals("example.com", dns.getField("dns_query"));
        assertEquals("93.184.216.34 2606:2800:220:1:248:1893:25c8:1946", dns.getField("dns_results"));
        assertEquals("0", dns.getField("status"));
        NamedCsvRecord raw = rows.get(3);
        assertEquals("", raw.getField("pid"), "unattributed events have an empty pid, not -1");
        assertTrue(raw.getField("details").startsWith("provider={e53c6823"));
    }

    @Test
    void formulaInjectionIsNeutralised() throws Exception {
        NamedCsvRecord fw = roundTrip(Events.everyKind()).get(0);
        assertEquals("'=cmd|' /C calc'!A0", fw.getField("filter_name"));
        for (String s : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + s, CsvSink.safe(s), s);
        }
        assertEquals("plain", CsvSink.safe("plain"));
        assertEquals("a=b", CsvSink.safe("a=b"));
        assertEquals("", CsvSink.safe(null));
    }

    /**
     * Consecutive events whose raw fields are the same strings get the last details cell again; any other string,
     * one field more or less, or a raw event in between (whose cell also holds its payload) must not get it.
     */
    @Test
    void detailsAreReusedOnlyForTheSameRawStrings() throws Exception {
        String event = "TcpIp/Recv", zero = "0";
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>();
        a.put("event", event);
        a.put("seqnum", zero);
        java.util.Map<String, String> sameStrings = new java.util.LinkedHashMap<>(a);
        java.util.Map<String, String> equalText = new java.util.LinkedHashMap<>();
        equalText.put("event", event);
        equalText.put("seqnum", new String("1"));
        java.util.Map<String, String> oneMore = new java.util.LinkedHashMap<>(a);
        oneMore.put("connid", zero);
        List<NetEvent> events = List.of(withRaw(a, 1), withRaw(sameStrings, 2), withRaw(equalText, 3),
                withRaw(equalText, 4), withRaw(oneMore, 5),
                new wstool.core.model.RawEvent(header(a, 6), "p", 1, 0, "ab"), // the same strings as the next one's
                withRaw(a, 8), withRaw(java.util.Map.of(), 9));
        List<NamedCsvRecord> rows = roundTrip(events);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(EventFields.details(events.get(i)), rows.get(i).getField("details"), "row " + i);
        }
        assertEquals("event=TcpIp/Recv; seqnum=1", rows.get(3).getField("details"));
    }

    private static NetEvent withRaw(java.util.Map<String, String> raw, long pid) {
        return new wstool.core.model.SocketEvent(header(raw, pid), wstool.core.model.SocketOp.RECV,
                wstool.core.model.CallPhase.SINGLE, wstool.core.model.Direction.IN, -1, 2, 1, -1, 10, 0, null);
    }

    private static wstool.core.model.EventHeader header(java.util.Map<String, String> raw, long pid) {
        return new wstool.core.model.EventHeader(Events.T0, wstool.core.model.Source.SYNTHETIC, pid, null, null, 6,
                Events.ep("10.0.0.2", 50000), Events.ep("198.51.100.7", 443), raw, wstool.core.model.Enrichment.NONE);
    }
}
