package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import wstool.etw.live.TraceTarget;

class TraceCommandTest {

    @Test
    void exactlyOneSelectorIsRequired() {
        CliRun r = CliRun.of("trace");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("choose exactly one of --pid N, --exe NAME or --all"), r.err());
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
    void selectorsMapToTargets() {
        assertEquals(TraceTarget.Kind.PID, EtwLiveTrace.target(List.of(42L), null, false).kind());
        assertEquals(42, EtwLiveTrace.target(List.of(42L), null, false).pid());
        assertEquals("powershell.exe", EtwLiveTrace.target(List.of(), "PowerShell", false).exe());
        assertEquals(TraceTarget.Kind.ALL, EtwLiveTrace.target(List.of(1L, 2L), null, false).kind());
        assertEquals(TraceTarget.Kind.ALL, EtwLiveTrace.target(List.of(), null, true).kind());
        UsageException e = assertThrows(UsageException.class, () -> EtwLiveTrace.target(List.of(0L), null, false));
        assertTrue(e.getMessage().contains("--pid must be a positive process id"), e.getMessage());
    }
}
