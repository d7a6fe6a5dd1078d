package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import wstool.core.sink.EventJson;
import wstool.tui.FindingsView;
import wstool.verify.SocketVerifier;
import wstool.verify.VerifySnapshot;

/** The verifier's live snapshot as the findings panel gets it, from the demo recording (one of each finding). */
class VerifyFindingsTest {
    @Test
    void theDemoRecordingsFindingsReachThePanelWithEveryField() throws Exception {
        Path demo = Path.of("..", "samples", "verify-demo.jsonl");
        SocketVerifier verifier = new SocketVerifier();
        for (String line : Files.readAllLines(demo, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) verifier.accept(EventJson.read(line));
        }

        // while the trace runs: what is known so far (the client's leak at its exit, not the server's open socket)
        FindingsView live = VerifyFindings.view(verifier.snapshot());
        assertFalse(live.finished());
        assertEquals(List.of("WS001", "WS002", "WS004", "WS004", "WS003", "WS005", "WS008", "WS009"),
                live.items().stream().map(FindingsView.Item::code).toList());

        verifier.close();
        VerifySnapshot done = verifier.snapshot();
        FindingsView view = VerifyFindings.view(done);
        assertTrue(view.finished());
        assertEquals(10, view.items().size());
        assertEquals("4 errors, 4 warnings, 2 info", view.summary());
        assertEquals(done.errors(), view.count(FindingsView.Severity.ERROR));
        assertEquals(done.warnings(), view.count(FindingsView.Severity.WARNING));
        assertEquals(done.infos(), view.count(FindingsView.Severity.INFO));

        FindingsView.Item use = view.items().stream().filter(i -> i.code().equals("WS002")).findFirst().orElseThrow();
        assertEquals(4242, use.pid());
        assertEquals("C:\\Program Files\\Acme\\client.exe", use.process());
        assertEquals("USE_AFTER_CLOSE", use.name());
        assertEquals(FindingsView.Severity.ERROR, use.severity());
        assertEquals("0xffffa38f2c200400 TCP 10.0.0.23:51001 -> 93.184.216.34:443", use.socket());
        assertEquals(1, use.count());
        assertEquals(Instant.parse("2026-11-20T09:30:00.045Z"), use.last());
        assertTrue(use.message().startsWith("SEND on a socket already closed at 2026-11-20T09:30:00.040Z"), use.message());

        FindingsView.Item refused = view.items().stream().filter(i -> i.count() == 3 && i.code().equals("WS004")).findFirst().orElseThrow();
        assertEquals(FindingsView.Severity.WARNING, refused.severity());
        assertEquals("", refused.socket(), "grouped over several sockets: none named");
        assertEquals(Instant.parse("2026-11-20T09:30:02.101400Z"), refused.last());
        FindingsView.Item serverLeak = view.items().stream().filter(i -> i.code().equals("WS001") && i.pid() == 5150).findFirst().orElseThrow();
        assertEquals(FindingsView.Severity.WARNING, serverLeak.severity(), "open at the trace end: a warning");
    }
}
