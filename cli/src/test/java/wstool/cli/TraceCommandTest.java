package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TraceCommandTest {

    @Test
    void exactlyOneSelectorIsRequired() {
        CliRun r = CliRun.of("trace");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("Missing required argument (specify one of these): (--pid=PID"), r.err());
        r = CliRun.of("trace", "--all", "--exe", "x.exe");
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "checks the message off Windows")
    void onLinuxTheLivePathTakesPidOrExeOnly() {
        CliRun r = CliRun.of("trace", "--all", "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--all is not available live on Linux"), r.err());
        assertTrue(r.err().contains("--etl FILE"), r.err());
    }

    @Test
    void etwBufferOptionsAreValidated() {
        assertEquals(new wstool.etw.live.SessionBuffers(1024, 32, 256), EtwLiveTrace.buffers(1024, "32, 256"));
        assertEquals(wstool.etw.live.SessionBuffers.DEFAULT, EtwLiveTrace.buffers(null, null));
        UsageException e = assertThrows(UsageException.class, () -> EtwLiveTrace.buffers(2, null));
        assertEquals("--etw-buffer-kb: ETW buffer size must be 4 to 16384 KB, not 2", e.getMessage());
        e = assertThrows(UsageException.class, () -> EtwLiveTrace.buffers(null, "64"));
        assertEquals("--etw-buffers takes MIN,MAX (two numbers, e.g. 16,128), not '64'", e.getMessage());
        e = assertThrows(UsageException.class, () -> EtwLiveTrace.buffers(null, "64,8"));
        assertTrue(e.getMessage().startsWith("--etw-buffers: ETW buffers must be MIN,MAX"), e.getMessage());
        CliRun r = CliRun.of("trace", "--all", "--etw-buffers", "1,2", "--no-tui");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--etw-buffers: ETW buffers must be MIN,MAX"), r.err());
        r = CliRun.of("trace", "--etl", "x.etl", "--all", "--etw-buffer-kb", "64");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--etw-buffer-kb and --etw-buffers are for live ETW tracing, not --etl"), r.err());
    }

    @Test
    void oneTargetTypeAndOneWordingForTheSameMistakeLiveAndFromACapture() throws Exception {
        java.nio.file.Path etl = wstool.core.fixtures.Fixtures.path("etl/KernelNetwork.etl");
        for (String[] args : List.of(new String[] {"trace", "--pid", "-5"}, new String[] {"trace", "--etl", etl.toString(), "--pid", "-5"})) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("Invalid value for option '--pid' (PID): '-5' is not a process id (1 to 4294967295)"), r.err());
        }
        for (String[] args : List.of(new String[] {"trace", "--pid", "4", "--exe", "x"}, new String[] {"trace", "--etl", etl.toString(), "--pid", "4", "--all"})) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("are mutually exclusive (specify only one)"), r.err());
        }
    }
}
