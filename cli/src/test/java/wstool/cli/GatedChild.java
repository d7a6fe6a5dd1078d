package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A test program that waits for one line on its stdin before it does anything, so that the trace can be started and
 * seen ready first (the live tests wait for the trace's ready line, then release the program).
 */
final class GatedChild {
    private GatedChild() {}

    /** Lets the program go, waits at most {@code seconds} for it to finish and returns what it printed, trimmed. */
    static String release(Process child, long seconds) throws IOException, InterruptedException {
        child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().close();
        assertTrue(child.waitFor(seconds, TimeUnit.SECONDS), "the test program did not finish within " + seconds + " s");
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
