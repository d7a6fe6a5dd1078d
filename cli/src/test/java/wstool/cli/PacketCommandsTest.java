package wstool.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.fixtures.Fixtures;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.sink.EventJson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** trace --etl on the real pktmon capture: packets as lines, JSON Lines and pcapng. */
class PacketCommandsTest {
    @TempDir Path dir;

    static Path etl() { return Fixtures.path("etl/demikernel_PktMon.etl"); }

    @Test
    void packetsToJsonlAndPcapng() throws Exception {
        Path jsonl = dir.resolve("p.jsonl"), pcapng = dir.resolve("p.pcapng");
        CliRun r = CliRun.of("trace", "--etl", etl().toString(), "--all", "--type", "packet", "--jsonl", jsonl.toString(),
                "--pcapng", pcapng.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(38, lines.size());
        NetEvent first = EventJson.read(lines.get(0));
        PacketEvent p = assertInstanceOf(PacketEvent.class, first);
        assertEquals(List.of("Microsoft Hyper-V Network Adapter #3", "XDP Lightweight Filter"), p.path());
        assertEquals(98, p.originalLength());
        assertEquals("10.9.1.14", p.header().remote().addressText());
        assertTrue(r.err().contains("pcapng: 38 packets written to " + pcapng), r.err());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcapng)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, b.getInt(0));
        assertEquals(0x1A2B3C4D, b.getInt(8));
    }

    @Test
    void linesShowDirectionProtocolLengthAndPath() {
        CliRun r = CliRun.of("trace", "--etl", etl().toString(), "--all", "--type", "packet", "--no-tui", "--no-color");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(38, lines.size(), r.out());
        assertTrue(lines.get(0).matches(".*PACKET +IN +ICMP +10\\.9\\.1\\.22 -> 10\\.9\\.1\\.14 .* 98 B  via Microsoft Hyper-V "
                + "Network Adapter #3 > XDP Lightweight Filter"), lines.get(0));
        assertTrue(lines.get(1).contains("PACKET     OUT"), lines.get(1));
    }

    @Test
    void allComponentsShowsEveryAppearance() throws Exception {
        Path csv = dir.resolve("p.csv");
        CliRun r = CliRun.of("trace", "--etl", etl().toString(), "--all", "--type", "packet", "--all-components",
                "--csv", csv.toString(), "--no-tui");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1 + 114, Files.readAllLines(csv).size());
    }

    @Test
    void pcapngOverTheCaptureIsRefused() throws Exception {
        Path copy = dir.resolve("c.etl");
        Files.copy(etl(), copy);
        byte[] before = Files.readAllBytes(copy);
        CliRun r = CliRun.of("trace", "--etl", copy.toString(), "--all", "--pcapng", copy.toString(), "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--pcapng"), r.err());
        assertArrayEquals(before, Files.readAllBytes(copy), "the input is untouched");
    }
}
