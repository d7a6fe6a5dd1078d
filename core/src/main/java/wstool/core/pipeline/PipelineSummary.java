package wstool.core.pipeline;

import java.time.Duration;
import java.util.Map;

/** What a finished job did; printed at the end of every event command. */
public record PipelineSummary(long received, long delivered, long filteredOut, long dropped, long lostAtSource,
                              Map<String, Long> byKind, Duration elapsed, Throwable failure) {
    public boolean failed() { return failure != null; }

    /** Human-readable lines, e.g. for stderr after the events. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%,d events shown of %,d received in %.1f s", delivered, received, elapsed.toMillis() / 1000.0));
        if (filteredOut > 0) sb.append(String.format(", %,d filtered out", filteredOut));
        sb.append(String.format("; dropped (queue full): %,d; lost at source: %,d", dropped, lostAtSource));
        if (!byKind.isEmpty()) {
            sb.append(System.lineSeparator()).append("by kind:");
            // the kind of a raw event comes from the capture
            byKind.forEach((k, v) -> sb.append(' ').append(wstool.core.sink.TerminalText.clean(k)).append('=').append(String.format("%,d", v)));
        }
        return sb.toString();
    }
}
