package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** mock's usage errors: one sentence, exit 2, before anything is installed (no root needed). */
class MockCommandTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = WsTool.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), err.toString()};
    }

    private static void usage(String expected, String... args) {
        String[] r = run(args);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(expected), r[1]);
    }

    @Test
    void refusesBadInvocationsWithOneSentence() {
        usage("give exactly one program to mock", "mock", "--refuse");
        usage("give exactly one program to mock", "mock", "--refuse", "--pid", "1", "--", "true");
        usage("give at least one fault", "mock", "--", "true");
        usage("--delay fast: the delay must look like 200ms", "mock", "--delay", "fast", "--", "true");
        usage("--refuse 10.0.0.1/40: CIDR prefix must be 0-32", "mock", "--refuse=10.0.0.1/40", "--", "true");
        usage("--reset-after 1KB,udp: resets TCP connections", "mock", "--reset-after", "1KB,udp", "--", "true");
        usage("--host: not an address, CIDR or host name", "mock", "--refuse", "--host", "a b", "--", "true");
        usage("no process with id 4194300 is running", "mock", "--refuse", "--pid", "4194300");
        usage("no process of program 'no-such-program-x' is running", "mock", "--refuse", "--exe", "no-such-program-x");
    }

    @Test
    void theViewsHeaderLineCountsEachFault() {
        java.util.List<wstool.linux.mock.Fault> faults = java.util.List.of(
                wstool.linux.mock.Fault.parse(wstool.linux.mock.FaultKind.REFUSE, "10.0.0.2:443"),
                wstool.linux.mock.Fault.parse(wstool.linux.mock.FaultKind.LOSS, "10%"));
        assertEquals("faults (packets): refuse (10.0.0.2 port 443) 1,204, loss 10% (all traffic) not counted",
                MockCommand.countsLine(faults, java.util.Map.of(0, 1204L)));
    }
}
