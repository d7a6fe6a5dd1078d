package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import wstool.core.Events;
import wstool.core.model.NetEvent;

class CsvSinkTest {
    private static List<CSVRecord> roundTrip(List<NetEvent> events) throws Exception {
        StringWriter w = new StringWriter();
        try (CsvSink sink = new CsvSink(w)) {
            for (NetEvent e : events) sink.accept(e);
        }
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(w.toString())).getRecords();
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
        List<CSVRecord> rows = roundTrip(Events.everyKind());
        assertEquals(4, rows.size());
        CSVRecord fw = rows.get(0);
        assertEquals("2026-11-20T09:15:00.123456789Z", fw.get("timestamp"));
        assertEquals("CAP_DROP", fw.get("kind"));
        assertEquals("UDP", fw.get("protocol"));
        assertEquals("2001:db8:ffff:0:0:0:0:2", fw.get("remote_address"));
        assertEquals("53", fw.get("remote_port"));
        assertEquals("domain", fw.get("service"));
        assertEquals("GB", fw.get("country_code"));
        assertEquals("London", fw.get("city"));
        assertEquals("-0.0931", fw.get("longitude"), "numbers this sink formats are not neutralised");
        assertEquals("29518", fw.get("asn"));
        assertEquals("SBL123456", fw.get("drop_id"));
        assertEquals("99", fw.get("filter_id"));
        assertEquals("rule \"x\", y", fw.get("rule"), "quotes and commas survive RFC 4180 quoting");
        assertEquals("appId=\\device\\x; n=1", fw.get("details"));
        CSVRecord sock = rows.get(1);
        assertEquals("RECV", sock.get("kind"));
        assertEquals("65536", sock.get("buffer_length"));
        assertEquals("1200", sock.get("bytes"));
        assertEquals(Long.toString(0xC0000236L), sock.get("status"));
        assertEquals("STATUS_CONNECTION_REFUSED", sock.get("status_name"));
        assertEquals("", sock.get("country_code"));
        CSVRecord dns = rows.get(2);
        assertEquals("example.com", dns.get("dns_query"));
        assertEquals("93.184.216.34 2606:2800:220:1:248:1893:25c8:1946", dns.get("dns_results"));
        assertEquals("0", dns.get("status"));
        CSVRecord raw = rows.get(3);
        assertEquals("", raw.get("pid"), "unattributed events have an empty pid, not -1");
        assertTrue(raw.get("details").startsWith("provider={e53c6823"));
    }

    @Test
    void formulaInjectionIsNeutralised() throws Exception {
        CSVRecord fw = roundTrip(Events.everyKind()).get(0);
        assertEquals("'=cmd|' /C calc'!A0", fw.get("filter_name"));
        for (String s : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + s, CsvSink.safe(s), s);
        }
        assertEquals("plain", CsvSink.safe("plain"));
        assertEquals("a=b", CsvSink.safe("a=b"));
        assertEquals("", CsvSink.safe(null));
    }
}
