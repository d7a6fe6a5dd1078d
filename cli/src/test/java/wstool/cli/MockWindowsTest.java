package wstool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import wstool.core.filter.TraceTarget;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.core.pipeline.Notices;
import wstool.etw.live.EtwLiveSource;
import wstool.etw.live.ProcessNames;
import wstool.wfp.mock.FakeWfpMockApi;
import wstool.wfp.mock.WfpMockApi;
import wstool.win32.DevicePaths;

/**
 * mock's Windows path on any OS: the platform (WFP, processes, files, ETW, process start) is a fake, fwpuclnt is
 * wfp's FakeWfpMockApi, so the command line is checked down to the filters BFE would be given.
 */
class MockWindowsTest {
    final FakeWfpMockApi wfp = new FakeWfpMockApi();
    final FakePlatform platform = new FakePlatform();

    @AfterEach
    void restore() { MockCommand.platform = WindowsMock.SYSTEM; }

    private String[] run(String... args) {
        MockCommand.platform = platform;
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = WsTool.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void refuseForAProgramBecomesConnectAndAcceptBlocksOnItsAppId() {
        platform.files.add("C:\\x\\client.exe");
        String[] r = run("mock", "--refuse", "--host", "192.0.2.1:443", "--no-tui", "--", "C:\\x\\client.exe", "-v");
        assertEquals("0", r[0], r[1]);
        assertEquals(List.of("C:\\x\\client.exe"), wfp.appIdFiles);
        assertEquals(List.of(
                "CONNECT_V4 action=0x1001 APP_ID=appId REMOTE_ADDRESS=u32:0xc0000201 REMOTE_PORT=u16:443",
                "RECV_ACCEPT_V4 action=0x1001 APP_ID=appId REMOTE_ADDRESS=u32:0xc0000201 REMOTE_PORT=u16:443"), wfp.filters);
        // started after the trace was ready, with the resolved file; the session closed at the end
        assertEquals(List.of("ready", "start [C:\\x\\client.exe, -v]"), platform.order);
        assertEquals("FwpmEngineClose0", wfp.calls.get(wfp.calls.size() - 1));
        assertEquals(TraceTarget.Kind.PROGRAM, platform.traced.kind());
        assertEquals("client.exe", platform.traced.program());
        assertTrue(r[1].contains("removed the WFP blocks (2 filters)"), r[1]);
        assertTrue(r[1].contains("C:\\x\\client.exe exited with code 3"), r[1]);
        assertTrue(r[1].contains("refuse (192.0.2.1 port 443)                        not counted on Windows"), r[1]);
    }

    @Test
    void aBareNameIsFoundOnPathAndUnreachableWithoutHostBlocksBothFamilies() {
        platform.env.put("PATH", "C:\\Windows;D:\\tools\\");
        platform.files.add("D:\\tools\\client.exe");
        String[] r = run("mock", "--unreachable=udp", "--no-tui", "--", "client");
        assertEquals("0", r[0], r[1]);
        assertEquals(List.of("D:\\tools\\client.exe"), wfp.appIdFiles);
        assertEquals(List.of("CONNECT_V4 action=0x1001 APP_ID=appId PROTOCOL=u8:17",
                "RECV_ACCEPT_V4 action=0x1001 APP_ID=appId PROTOCOL=u8:17",
                "CONNECT_V6 action=0x1001 APP_ID=appId PROTOCOL=u8:17",
                "RECV_ACCEPT_V6 action=0x1001 APP_ID=appId PROTOCOL=u8:17"), wfp.filters);
    }

    @Test
    void pidAndExeBlockTheProcessesImageFiles() {
        platform.images.put(4242L, "C:\\Program Files\\App\\app.exe");
        platform.images.put(4243L, "C:\\Program Files\\App\\app.exe");
        platform.images.put(77L, "C:\\Windows\\other.exe");
        String[] r = run("mock", "--refuse=10.0.0.0/8,tcp", "--exe", "APP", "--no-tui");
        assertEquals("0", r[0], r[1]);
        assertEquals(List.of("C:\\Program Files\\App\\app.exe"), wfp.appIdFiles, "one session per distinct file");
        assertEquals("CONNECT_V4 action=0x1001 APP_ID=appId REMOTE_ADDRESS=v4mask:0x0a000000/0xff000000 PROTOCOL=u8:6",
                wfp.filters.get(0));
        assertEquals(List.of("ready"), platform.order, "nothing is started when attaching");

        FakeWfpMockApi second = new FakeWfpMockApi();
        platform.api = second;
        platform.order.clear();
        assertEquals("0", run("mock", "--refuse", "--pid", "77", "--no-tui")[0]);
        assertEquals(List.of("C:\\Windows\\other.exe"), second.appIdFiles);
        assertEquals(List.of(77L), platform.traced.pids());
    }

    @Test
    void whatWfpCannotDoIsAUsageErrorBeforeAnythingIsInstalled() {
        platform.files.add("C:\\x\\client.exe");
        usage("--blackhole is Linux-only", "--blackhole");
        usage("--delay is Linux-only: on Windows it needs a WFP callout driver", "--delay", "200ms");
        usage("--loss is Linux-only", "--loss", "10%");
        usage("--rate is Linux-only", "--rate", "64kbit");
        usage("--reset-after is Linux-only", "--reset-after", "10KB");
        usage("--refuse first=N is Linux-only", "--refuse=first=3");
        usage("--unreachable p=P% is Linux-only", "--unreachable=p=50%");
        assertEquals(List.of(), wfp.calls, "fwpuclnt was never called");
        assertEquals(List.of(), platform.order);

        String[] missing = run("mock", "--refuse", "--", "C:\\x\\nope.exe");
        assertEquals("2", missing[0], missing[1]);
        assertTrue(missing[1].contains("-- C:\\x\\nope.exe: no such program file"), missing[1]);
        String[] bare = run("mock", "--refuse", "--", "nope");
        assertTrue(bare[1].contains("-- nope: no such program file in the current directory or on PATH"), bare[1]);
        String[] pid = run("mock", "--refuse", "--pid", "999");
        assertEquals("2", pid[0], pid[1]);
        assertTrue(pid[1].contains("no process with id 999 is running"), pid[1]);
        String[] host = run("mock", "--refuse", "--host", "192.0.2.1,tcp", "--", "C:\\x\\client.exe");
        assertTrue(host[1].contains("--host takes one remote"), host[1]);
    }

    private void usage(String expected, String... fault) {
        List<String> args = new ArrayList<>(List.of("mock"));
        args.addAll(List.of(fault));
        args.addAll(List.of("--", "C:\\x\\client.exe"));
        String[] r = run(args.toArray(String[]::new));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(expected), r[1]);
        assertEquals(2, r[1].lines().count(), "one sentence and the help hint: " + r[1]);
    }

    /** Windows as the mock path sees it; a trace that reports ready and ends when stopped (bounded). */
    final class FakePlatform implements WindowsMock.Platform {
        WfpMockApi api = wfp;
        final List<String> files = new ArrayList<>();
        final Map<String, String> env = new java.util.HashMap<>();
        final Map<Long, String> images = new java.util.LinkedHashMap<>();
        final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile TraceTarget traced;

        @Override public boolean windows() { return true; }

        @Override public WfpMockApi wfp() { return api; }

        @Override public List<Long> runningPids() { return List.copyOf(images.keySet()); }

        @Override
        public ProcessNames processNames() {
            return new ProcessNames(pid -> Optional.ofNullable(images.get(pid)), new DevicePaths(Map::of, System::nanoTime, Duration.ZERO));
        }

        @Override public boolean isFile(String path) { return files.contains(path); }

        @Override public String env(String name) { return env.get(name); }

        @Override public String cwd() { return "C:\\work"; }

        @Override
        public EventSource etwTrace(TraceTarget target, Notices notices) {
            traced = target;
            CountDownLatch stopped = new CountDownLatch(1);
            return new EventSource() {
                @Override public String name() { return "ETW trace (fake)"; }

                @Override public boolean live() { return true; }

                @Override
                public void run(Emitter emitter) throws Exception {
                    order.add("ready");
                    notices.notice(EtwLiveSource.READY + "tracing " + target);
                    // the ready notice started the program (LaunchOnReady): its exit must stop the trace; an attached
                    // process is traced until stopped, here the trace ends at once
                    if (order.stream().noneMatch(o -> o.startsWith("start "))) return;
                    if (!stopped.await(10, TimeUnit.SECONDS)) throw new AssertionError("the program's exit did not stop the trace");
                }

                @Override public void stop() { stopped.countDown(); }
            };
        }

        @Override
        public Process start(ProcessBuilder program) {
            order.add("start " + program.command());
            return new ExitedProcess(3);
        }
    }

    /** A program that has already ended with a code. */
    static final class ExitedProcess extends Process {
        private final int code;

        ExitedProcess(int code) { this.code = code; }

        @Override public OutputStream getOutputStream() { return new ByteArrayOutputStream(); }

        @Override public InputStream getInputStream() { return new ByteArrayInputStream(new byte[0]); }

        @Override public InputStream getErrorStream() { return new ByteArrayInputStream(new byte[0]); }

        @Override public int waitFor() { return code; }

        @Override public int exitValue() { return code; }

        @Override public boolean isAlive() { return false; }

        @Override public long pid() { return 4711; }

        @Override public void destroy() { }
    }
}
