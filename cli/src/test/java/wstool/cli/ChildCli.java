package wstool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ws_tool as a separate process (this test JVM's java and class path), for what needs a process of its own: two
 * instances at once, one killed with -9. stderr goes to a file that {@link #awaitErr} watches.
 */
final class ChildCli {
    private final Process process;
    private final Path err;

    private ChildCli(Process process, Path err) {
        this.process = process;
        this.err = err;
    }

    static ChildCli start(Path dir, String... args) throws IOException {
        Path err = Files.createTempFile(dir, "ws_tool-", ".err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WsTool.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new ChildCli(p, err);
    }

    long pid() { return process.pid(); }

    String err() {
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits (bounded) until stderr contains {@code text} or the process has ended. */
    boolean awaitErr(String text, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!err().contains(text) && process.isAlive() && System.nanoTime() < until) Thread.sleep(20);
        return err().contains(text);
    }

    /** The exit code, or -1 when it has not ended within the time. */
    int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** SIGTERM: the way a service manager or Ctrl-C ends it (shutdown hooks run). */
    void terminate() { process.destroy(); }

    /** SIGKILL, and wait for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
