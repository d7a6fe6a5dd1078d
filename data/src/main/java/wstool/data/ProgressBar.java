package wstool.data;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar ({@code \r}-redrawn, at most every 100 ms) for downloads. */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private long lastDraw;

    public ProgressBar(PrintStream out) { this.out = out; }

    /** @param total -1 when the server did not say */
    public void update(String name, long done, long total) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done != total) return;
        lastDraw = now;
        out.print('\r' + render(name, done, total));
        out.flush();
    }

    public void finish() {
        out.println();
        out.flush();
    }

    static String render(String name, long done, long total) {
        String mb = String.format(Locale.ROOT, "%.1f", done / 1e6);
        if (total <= 0) return String.format(Locale.ROOT, "%-16s [%s] %s MB", name, "?".repeat(WIDTH), mb);
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        return String.format(Locale.ROOT, "%-16s [%s%s] %3d%% %s/%.1f MB", name, "#".repeat(filled),
                " ".repeat(WIDTH - filled), Math.min(100, done * 100 / total), mb, total / 1e6);
    }
}
