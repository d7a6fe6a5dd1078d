package wstool.siem.syslog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.Events;
import wstool.core.model.NetEvent;

class SpoolAndFormatTest {
    @TempDir Path dir;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void spoolIsFifoBoundedKeptAcrossRunsAndSurvivesATornRecord() throws Exception {
        Path f = dir.resolve("s.spool");
        try (Spool s = new Spool(f, 4 + 5 + 4 + 5 + 4 + 3)) {
            assertTrue(s.append(b("first")));
            assertTrue(s.append(b("secnd")));
            assertTrue(s.append(b("3rd")));
            assertFalse(s.append(b("x")), "bounded: no room, not kept");
            byte[] m = s.peek();
            assertArrayEquals(b("first"), m);
            s.take(m);
        }
        Files.write(f, new byte[] {0, 0, 0, 9, 'c', 'u'}, StandardOpenOption.APPEND); // a crash mid-append
        try (Spool s = new Spool(f, 1 << 20)) {
            assertThrows(java.io.IOException.class, () -> new Spool(f, 1 << 20), "one run per spool");
            assertArrayEquals(b("secnd"), s.peek(), "the next run starts where the last stopped");
            s.take(s.peek());
            s.prependAll(List.of(b("older")));
            assertArrayEquals(b("older"), s.peek());
            s.take(s.peek());
            assertArrayEquals(b("3rd"), s.peek());
            s.take(s.peek());
            assertNull(s.peek(), "the torn record is dropped, nothing after it was whole");
            assertTrue(s.isEmpty());
        }
        assertFalse(Files.exists(f), "an empty spool leaves no file");
    }

    @Test
    void urlsWithDefaultsAndClearErrors() {
        assertEquals(new SyslogUrl(SyslogUrl.Transport.TLS, "siem.example", 6514), SyslogUrl.parse("tls://siem.example"));
        assertEquals(new SyslogUrl(SyslogUrl.Transport.UDP, "::1", 5140), SyslogUrl.parse("udp://[::1]:5140"));
        assertEquals(514, SyslogUrl.parse("tcp://10.0.0.1").port());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyslogUrl.parse("https://x"));
        assertTrue(e.getMessage().contains("'https://x'"), e.getMessage());
    }

    @Test
    void rfc5424HeaderAndCut() {
        NetEvent e = Events.drop("203.0.113.9", 40000, 22);
        e = e.withHeader(e.header().withHost("PC 1"));
        Rfc5424.Message m = Rfc5424.message(e, "42", "{\"a\":\"ü\"}", 8192);
        assertEquals("<108>1 2026-11-20T09:15:00.123456Z PC?1 ws_tool 42 firewall - {\"a\":\"ü\"}",
                new String(m.bytes(), StandardCharsets.UTF_8), "facility 13 * 8 + warning 4; microseconds; no spaces in HOSTNAME");
        assertFalse(m.cut());
        int head = "<108>1 2026-11-20T09:15:00.123456Z PC?1 ws_tool 42 firewall - ".length();
        Rfc5424.Message cut = Rfc5424.message(e, "42", "{\"a\":\"ü\"}", head + 7);
        assertTrue(cut.cut());
        assertEquals(head + 6, cut.bytes().length, "not inside the two bytes of ü");
    }

    @Test
    void cefEscapesHeaderAndExtension() {
        assertEquals("a\\|b\\\\c", Cef.header("a|b\\c"));
        assertEquals("x\\=y\\nz", Cef.value("x=y\nz"));
        String cef = Cef.of(Events.drop("203.0.113.9", 40000, 22), "0.1.0");
        assertTrue(cef.startsWith("CEF:0|ws_tool|ws_tool|0.1.0|DROP|FIREWALL DROP|6|"), cef);
        assertTrue(cef.contains("src=203.0.113.9 spt=40000 dst=192.168.1.10 dpt=22"), "inbound: the remote end is the source: " + cef);
        assertTrue(cef.contains("act=blocked"), cef);
    }
}
