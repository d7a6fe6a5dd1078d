package wstool.core.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import wstool.core.model.NetEvent;
import wstool.core.pipeline.Emitter;
import wstool.core.pipeline.EventSource;
import wstool.core.sink.EventJson;

/**
 * Reads a JSON Lines recording back into events. {@code speed} 1 replays at the recorded pace, 2 twice as fast,
 * 0 as fast as possible. A bad line (not JSON, not an event, not UTF-8, longer than {@link #MAX_LINE_BYTES}) ends
 * the replay with an error naming the file and line; every event before it is delivered.
 */
public final class ReplaySource implements EventSource {
    private static final long MAX_SLEEP_MILLIS = 5_000;
    /** Far above any event ws_tool writes (a raw event's payload is at most 64 KiB, 128 Ki hex digits). */
    public static final int MAX_LINE_BYTES = 4 << 20;

    private final Path file;
    private final double speed;
    private volatile boolean stopped;

    public ReplaySource(Path file, double speed) {
        if (speed < 0 || Double.isNaN(speed)) throw new IllegalArgumentException("speed must be 0 or more, not " + speed);
        this.file = file;
        this.speed = speed;
    }

    @Override public String name() { return "replay of " + file.getFileName(); }

    @Override public boolean live() { return false; }

    @Override public void stop() { stopped = true; }

    @Override
    public void run(Emitter emitter) throws IOException, InterruptedException {
        try (LineReader r = new LineReader(Files.newInputStream(file), MAX_LINE_BYTES)) {
            Instant firstRecorded = null;
            long startNanos = System.nanoTime();
            long lineNo = 0;
            while (!stopped) {
                String line;
                lineNo++;
                try {
                    line = r.readLine();
                } catch (java.nio.charset.CharacterCodingException ex) {
                    throw new IOException(file + " line " + lineNo + ": not UTF-8 text; a JSON Lines recording is UTF-8"
                            + " (an ETW capture is read with trace --etl)", ex);
                } catch (LineReader.TooLong ex) {
                    throw new IOException(file + " line " + lineNo + ": longer than " + MAX_LINE_BYTES
                            + " bytes; not a line of a ws_tool recording", ex);
                }
                if (line == null) break;
                if (line.isBlank()) continue;
                NetEvent e;
                try {
                    e = EventJson.read(line);
                } catch (IllegalArgumentException ex) {
                    throw new IOException(file + " line " + lineNo + ": " + ex.getMessage(), ex);
                }
                if (speed > 0) {
                    if (firstRecorded == null) firstRecorded = e.header().timestamp();
                    pace(Duration.between(firstRecorded, e.header().timestamp()), startNanos);
                }
                if (!emitter.emit(e)) return;
            }
        }
    }

    private void pace(Duration recordedOffset, long startNanos) throws InterruptedException {
        long due = startNanos + (long) (recordedOffset.toNanos() / speed);
        while (!stopped) {
            long wait = due - System.nanoTime();
            if (wait <= 0) return;
            Thread.sleep(Math.min(MAX_SLEEP_MILLIS, Math.max(1, wait / 1_000_000)));
        }
    }
}
