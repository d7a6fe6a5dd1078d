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
