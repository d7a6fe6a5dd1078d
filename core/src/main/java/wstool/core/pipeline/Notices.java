package wstool.core.pipeline;

import java.io.PrintWriter;
import java.util.Objects;
import wstool.core.sink.TerminalText;

/**
 * Where a source reports a one-line notice while a job runs ("listening on NFLOG group 100", "tracing socket calls
 * of ...", ETW's and WFP's "ready: ..."): the job hands its channel to its sources, which never write to the terminal
 * themselves. Without the full-screen view a notice is a {@code ws_tool: } line on stderr; while the view is up it
 * goes to the view's status line instead (see {@link Channel}), so it cannot scroll or garble the alternate screen.
 */
@FunctionalInterface
public interface Notices {
    /** One line, without the {@code ws_tool: } prefix. Any thread. */
    void notice(String line);

    /**
     * A text of several lines meant to be copied as it is (a hint with a here-document): on stderr without a prefix,
     * line breaks kept; a view shows its first line.
     */
    default void block(String text) { notice(text.lines().findFirst().orElse("")); }

    /** {@code ws_tool: LINE} on stderr (control characters escaped), flushed at once: scripts wait for these. */
    static Notices stderr(PrintWriter err) {
        Objects.requireNonNull(err);
        return new Notices() {
            @Override
            public void notice(String line) { print("ws_tool: " + TerminalText.clean(line)); }

            @Override
            public void block(String text) { print(TerminalText.cleanLines(text)); }

            private void print(String s) {
                synchronized (err) {
                    err.println(s);
                    err.flush();
                }
            }
        };
    }

    /** A job's one channel: stderr, or the view while {@link #show} has routed it there. */
    final class Channel implements Notices {
        private final Notices fallback;
        private volatile Notices view;

        public Channel(Notices fallback) { this.fallback = Objects.requireNonNull(fallback); }

        @Override
        public void notice(String line) {
            Notices v = view;
            (v != null ? v : fallback).notice(line);
        }

        @Override
        public void block(String text) {
            Notices v = view;
            (v != null ? v : fallback).block(text);
        }

        /** From now on notices go to the view (its status line). */
        public void show(Notices viewStatus) { view = Objects.requireNonNull(viewStatus); }

        /** The view is gone: back to stderr. */
        public void restore() { view = null; }
    }
}
