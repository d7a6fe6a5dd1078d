package wstool.etw.decode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wstool.core.model.Direction;
import wstool.core.model.NetEvent;
import wstool.core.model.PacketEvent;
import wstool.core.sink.PcapngSink;

import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The --pcapng export of the real pktmon capture, read back by Wireshark's tshark (the reference reader). */
class PktMonPcapngTest {
    @TempDir Path dir;

    @Test
    void tsharkReadsEveryPacketWithItsTupleTimeLengthAndComment() throws Exception {
        Assumptions.assumeTrue(tshark(), "SKIPPED LOUDLY: tshark is not installed (scripts/install-test-deps.sh installs it)");
        List<PacketEvent> packets = PktMonDecodeTest.packets(PktMonDecodeTest.events(false));
        Path f = dir.resolve("pktmon.pcapng");
        try (PcapngSink sink = new PcapngSink(new BufferedOutputStream(Files.newOutputStream(f)))) {
            for (NetEvent e : packets) sink.accept(e);
        }
        List<String> lines = run(f, "frame.time_epoch", "frame.len", "frame.cap_len", "ip.src", "ip.dst", "ip.proto",
                "frame.interface_name", "frame.comment");
        assertEquals(packets.size(), lines.size(), "one frame per packet");
        assertEquals(38, lines.size());
        for (int i = 0; i < packets.size(); i++) {
            PacketEvent p = packets.get(i);
            String[] c = lines.get(i).split("\t", -1);
            java.time.Instant t = p.header().timestamp();
            assertEquals(t.getEpochSecond() + "." + String.format("%09d", t.getNano()), c[0], "exact timestamp, frame " + i);
            assertEquals(Integer.toString(p.originalLength()), c[1]);
            assertEquals(Integer.toString(p.length()), c[2]);
            boolean in = p.direction() == Direction.IN;
            assertEquals((in ? p.header().remote() : p.header().local()).addressText(), c[3]);
            assertEquals((in ? p.header().local() : p.header().remote()).addressText(), c[4]);
            assertEquals(Integer.toString(p.header().ipProtocol()), c[5]);
            assertEquals(p.component(), c[6]);
            assertTrue(c[7].startsWith("ws_tool: direction " + p.direction() + "; path " + p.path().get(0)), c[7]);
        }
        assertTrue(lines.get(1).endsWith("path XDP Lightweight Filter > Microsoft Hyper-V Network Adapter #3 > NETVSCVFPP"
                + " > Mellanox ConnectX-4 Lx Virtual Ethernet Adapter #2"), lines.get(1));
        // the dissector reads the frames as what they are: ICMP echo request and reply
        List<String> icmp = run(f, "icmp.type");
        assertEquals("8", icmp.get(0));
        assertEquals("0", icmp.get(1));
    }

    static boolean tshark() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> run(Path file, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields"));
        for (String x : fields) { cmd.add("-e"); cmd.add(x); }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark ended");
        assertEquals(0, p.exitValue(), err);
        // tshark warns when run as root (CI); anything else on stderr is a complaint about the file
        String complaints = err.lines().filter(l -> !l.startsWith("Running as user \"root\"")).reduce("", String::concat);
        assertEquals("", complaints.strip(), "tshark complained");
        return out.lines().toList();
    }
}
