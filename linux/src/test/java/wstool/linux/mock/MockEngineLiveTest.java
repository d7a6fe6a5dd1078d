package wstool.linux.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import wstool.linux.live.LiveAssumptions;
import wstool.linux.live.MockNet;

/**
 * The fault engine live: the test client runs in the run's cgroup (started through {@link MockEngine#launch}) against
 * the echo server in the test's namespace, and the same client outside the cgroup is not affected. Root, nft, tc,
 * ip and python3; skips loudly elsewhere. Each test checks that nothing of the run is left after close.
 */
class MockEngineLiveTest {
    @TempDir
    static Path dir;
    static MockNet net;

    @BeforeAll
    static void network() throws Exception {
        LiveAssumptions.requireRootAndTools("nft", "tc", "ip", "python3");
        net = new MockNet(dir);
    }

    @AfterAll
    static void teardown() {
        if (net != null) net.close();
    }

    private MockEngine engine(String kind, String value) throws IOException {
        Fault f = Fault.parse(FaultKind.valueOf(kind), value);
        MockEngine e = new MockEngine(List.of(f));
        e.start();
        return e;
    }

    private String mocked(MockEngine e, String mode, String arg) throws Exception {
        return MockNet.result(e.launch(new ProcessBuilder(net.clientCommand(mode, arg)).redirectErrorStream(true)), 60);
    }

    private void closeAndCheckClean(MockEngine e) throws Exception {
        e.close();
        assertEquals("", net.leftovers(), "left installed after close");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refuseMakesConnectFailWithConnectionRefusedForTheProgramOnly() throws Exception {
        MockEngine e = engine("REFUSE", net.serverAddress + ":" + MockNet.PORT + ",tcp");
        try {
            assertEquals("ECONNREFUSED", mocked(e, "connect", "3"));
            assertEquals("OK", net.runClient("connect", "3"), "a program outside the cgroup is not affected");
            assertEquals(1L, e.counts().get(0), "one SYN answered with a reset");
        } finally {
            closeAndCheckClean(e);
        }
        assertEquals(1L, e.counts().get(0), "the last count is kept after close");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void blackholeMakesConnectTimeOut() throws Exception {
        MockEngine e = engine("BLACKHOLE", net.serverAddress);
        try {
            assertEquals("TIMEOUT", mocked(e, "connect", "1.5"));
            assertEquals("OK", net.runClient("connect", "3"));
            assertTrue(e.counts().get(0) >= 1, "the SYN was dropped: " + e.counts());
        } finally {
            closeAndCheckClean(e);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unreachableMakesConnectFailWithHostUnreachable() throws Exception {
        MockEngine e = engine("UNREACHABLE", net.serverAddress + ":" + MockNet.PORT);
        try {
            assertEquals("EHOSTUNREACH", mocked(e, "connect", "3"));
            assertEquals("OK", net.runClient("connect", "3"));
        } finally {
            closeAndCheckClean(e);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void firstNRefusesOnlyTheFirstConnections() throws Exception {
        MockEngine e = engine("REFUSE", net.serverAddress + ",tcp,first=2");
        try {
            assertEquals("ECONNREFUSED", mocked(e, "connect", "3"));
            assertEquals("ECONNREFUSED", mocked(e, "connect", "3"));
            assertEquals("OK", mocked(e, "connect", "3"), "the third connection passes");
        } finally {
            closeAndCheckClean(e);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void resetAfterResetsTheConnectionPastTheQuota() throws Exception {
        MockEngine e = engine("RESET_AFTER", "10KB," + net.serverAddress);
        try {
            String r = mocked(e, "stream", "65536");
            String[] f = r.split(" ");
            assertEquals("STREAM", f[0], r);
            assertTrue(f[2].equals("ECONNRESET") || f[2].equals("EPIPE"), "reset: " + r);
            long done = Long.parseLong(f[1]);
            // the quota counts IP bytes the program sends (payload + 52 bytes of headers per segment, and ACKs)
            assertTrue(done >= 8 * 1024 && done <= 10 * 1024, "reset near 10 KB sent: " + r);
            assertEquals("STREAM 65536 OK", net.runClient("stream", "65536"));
        } finally {
            closeAndCheckClean(e);
        }
    }

    /**
     * 50% loss of 400 datagrams: the echoes received are Binomial(400, 0.5); 200 ± 60 is more than 6 standard
     * deviations (10) wide, so a correct engine fails this far less than once in a billion runs.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void lossDropsAboutHalfOfTheDatagrams() throws Exception {
        MockEngine e = engine("LOSS", "50%," + net.serverAddress + ",udp");
        try {
            String[] r = mocked(e, "udp", "400").split(" ");
            int got = Integer.parseInt(r[2]);
            assertTrue(got >= 140 && got <= 260, "about half of 400 echoed: " + got);
            assertEquals(400 - got, e.counts().get(0), "every lost datagram was counted by the fault's rule");
            assertEquals("UDP 400 400", net.runClient("udp", "400"), "the second client loses nothing");
        } finally {
            closeAndCheckClean(e);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void delayAddsToTheRoundTripOfTheProgramOnly() throws Exception {
        double before = rtt(net.runClient("rtt", "5"));
        MockEngine e;
        try {
            e = engine("DELAY", "200ms," + net.serverAddress);
        } catch (IOException noNetem) {
            assumeTrue(!noNetem.getMessage().contains("netem qdisc"), "LOUD SKIP: " + noNetem.getMessage());
            throw noNetem;
        }
        try {
            double mockedRtt = rtt(mocked(e, "rtt", "5"));
            double other = rtt(net.runClient("rtt", "5"));
            assertTrue(mockedRtt - before >= 180, "round trip " + before + " -> " + mockedRtt + " ms");
            assertTrue(other < 50, "the second client keeps its round trip: " + other + " ms");
        } finally {
            closeAndCheckClean(e);
        }
    }

    /** 64 kbit/s shapes a 24 KB upload (echoed) to about 3 s; outside the cgroup it takes milliseconds. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void rateShapesWhatTheProgramSends() throws Exception {
        MockEngine e = engine("RATE", "64kbit," + net.serverAddress);
        try {
            long t = System.nanoTime();
            assertEquals("STREAM 24576 OK", mocked(e, "stream", "24576"));
            double seconds = (System.nanoTime() - t) / 1e9;
            assertTrue(seconds >= 2.5, "24 KB at 64 kbit/s takes about 3 s, not " + seconds);
            assertTrue(e.counts().get(0) >= 24, "the segments were marked for the shaped class: " + e.counts());
            long u = System.nanoTime();
            assertEquals("STREAM 24576 OK", net.runClient("stream", "24576"));
            assertTrue((System.nanoTime() - u) / 1e9 < 2, "the second client is not shaped");
        } finally {
            closeAndCheckClean(e);
        }
    }

    /** A run whose process died without cleaning up (kill -9) is removed by the next start, a live one's never. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nextStartSweepsWhatADeadRunLeft() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        long deadPid = gone.pid();
        MockEngine dead = new MockEngine(List.of(Fault.parse(FaultKind.RATE, "64kbit," + net.serverAddress),
                Fault.parse(FaultKind.BLACKHOLE, net.serverAddress + ":9")), deadPid, p -> true);
        dead.start();
        assertTrue(net.leftovers().contains("table inet ws_tool_mock_" + deadPid), net.leftovers());
        assertTrue(net.leftovers().contains("table netdev ws_tool_mock_" + deadPid), net.leftovers());
        assertTrue(net.leftovers().contains("7773:"), net.leftovers());
        MockEngine next = engine("REFUSE", net.serverAddress);
        try {
            assertTrue(next.removedStale().containsAll(List.of("table inet ws_tool_mock_" + deadPid,
                    "table netdev ws_tool_mock_" + deadPid, "tc tree on " + net.rootDevice)), next.removedStale().toString());
            assertTrue(next.removedStale().stream().anyMatch(s -> s.startsWith("cgroup ") && s.endsWith("mock_" + deadPid)),
                    next.removedStale().toString());
        } finally {
            closeAndCheckClean(next);
            dead.close(); // its hook would otherwise run at exit (finding nothing)
        }
    }

    private static double rtt(String line) {
        assertTrue(line.startsWith("RTT "), line);
        return Double.parseDouble(line.substring(4));
    }
}
