package wstool.linux.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mock's trace target: every process of one cgroup v2, by the id bpftrace's cgroup builtin returns. */
class CgroupTargetTest {
    @Test
    void filtersOnTheCgroupIdAndNeverEndsByItself() {
        BpftraceTarget t = BpftraceTarget.cgroup(937, "mock cgroup of python3");
        String bt = BpftraceScript.forTarget(t, "amd64");
        assertTrue(bt.contains("/cgroup == 937 && (args->family == 2"), "socket() probe filtered on the cgroup");
        assertTrue(bt.contains("tracepoint:syscalls:sys_enter_connect /cgroup == 937/"), "connect probe filtered on the cgroup");
        assertFalse(java.util.regex.Pattern.compile("pid == \\d").matcher(bt).find(), "no pid filter: children of the program are traced too");
        assertEquals("mock cgroup of python3", t.toString());
        assertTrue(t.pids().isEmpty());
        assertFalse(t.byExecutable());
        assertThrows(IllegalArgumentException.class, () -> BpftraceTarget.cgroup(0, "x"));
    }
}
