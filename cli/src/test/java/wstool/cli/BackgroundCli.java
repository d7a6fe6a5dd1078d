package wstool.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

/** The CLI run in-process on a thread of its own, so a live test can wait for its readiness line and act meanwhile. */
final class BackgroundCli {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int exitCode = -1;

    private BackgroundCli(String... args) {
        thread = new Thread(() -> exitCode = WsTool.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)),
                "ws_tool-cli-under-test");
    }

    static BackgroundCli start(String... args) {
        BackgroundCli c = new BackgroundCli(args);
        c.thread.start();
        return c;
    }

    /** Waits (bounded) until stderr contains {@code text} or the CLI has ended; true when the text is there. */
    boolean awaitErr(String text, long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!err().contains(text) && thread.isAlive() && System.nanoTime() < until) Thread.sleep(20);
        return err().contains(text);
    }

    /** Waits (bounded) for the end; the exit code, or -1 when it is still running. */
    int join(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        return thread.isAlive() ? -1 : exitCode;
    }

    boolean alive() { return thread.isAlive(); }

    String out() { return out.toString(); }

    String err() { return err.toString(); }
}
