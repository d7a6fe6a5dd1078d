package wstool.verify;

import org.junit.jupiter.api.Test;
import wstool.core.model.Direction;
import wstool.core.model.DropListing;
import wstool.core.model.Endpoint;
import wstool.core.model.Enrichment;
import wstool.core.model.EventHeader;
import wstool.core.model.PacketEvent;
import wstool.core.model.Source;
import wstool.core.net.Addresses;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** WS008 sees captured packets (pktmon) to a DROP-listed peer, with their process when one was matched. */
class PacketDropListedTest {
    static PacketEvent packet(int ms, String remote, String dropId, long pid) {
        EventHeader h = new EventHeader(Instant.parse("2026-01-01T00:00:00Z").plusMillis(ms), Source.ETW_PKTMON, pid,
                pid < 0 ? null : "C:\\app.exe", null, 6, Endpoint.of(Addresses.parse("10.0.0.2"), 50000),
                Endpoint.of(Addresses.parse(remote), 443), null, dropId == null ? Enrichment.NONE : Enrichment.of(new DropListing(dropId)));
        PacketEvent p = new PacketEvent(h, Direction.OUT, "nic", List.of("nic"), ms, 1, 60, 60, 2,
                "INET: transport endpoint was not found", 1204, "0x1", false, 1, new byte[60]);
        return pid < 0 ? p : p.withMatchedProcess(pid, "C:\\app.exe");
    }

    @Test
    void droppedPacketsToAListedPeerAreAFinding() {
        SocketVerifier v = new SocketVerifier().dropListLoaded(true);
        v.accept(packet(1, "192.0.2.66", "SBL123456", 42));
        v.accept(packet(2, "192.0.2.66", "SBL123456", 42));
        v.accept(packet(3, "198.51.100.1", null, 42));
        VerifyReport r = v.report();
        List<Finding> f = r.findings(Check.WS008);
        assertEquals(1, f.size());
        assertEquals(2, f.get(0).count());
        assertEquals("SBL123456", f.get(0).details().get("dropId"));
        assertEquals(42, f.get(0).pid());
        assertTrue(r.status(Check.WS008).ran(), r.status(Check.WS008).reason());
    }
}
