package wstool.verify;

import wstool.core.sink.TextFormat;
import wstool.core.sink.TerminalText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The report for the terminal, printed at the end of a {@code --verify} run: findings by process then code. */
public final class ReportText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(TextFormat.PATTERN); // the zone is shown, as in the event lines

    private final ZoneId zone;

    public ReportText(ZoneId zone) { this.zone = zone; }

    public String render(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("Socket verification: ").append(summary(r));
        if (r.traceStart() != null) sb.append(" (").append(time(r.traceStart())).append(" .. ").append(time(r.traceEnd())).append(')');
        sb.append(nl);
        for (Map.Entry<VerifyReport.ProcessKey, List<Finding>> g : r.byProcess().entrySet()) {
            sb.append(nl).append(c(g.getKey().label())).append(nl);
            for (Finding f : g.getValue()) {
                sb.append("  ").append(f.check().label()).append("  ").append(f.severity().label());
                if (f.count() > 1) sb.append("  x").append(f.count());
                if (!f.endpoint().isEmpty()) sb.append("  ").append(c(f.endpoint()));
                sb.append(nl).append("      ").append(c(f.message())).append(nl);
                for (Evidence e : f.evidence()) {
                    sb.append("      ").append(time(e.timestamp())).append("  ").append(c(e.event())).append(nl);
                }
            }
        }
        List<CheckStatus> notRun = r.checks().stream().filter(c -> !c.ran()).toList();
        if (!notRun.isEmpty()) {
            sb.append(nl).append("Checks that could not run for lack of events:").append(nl);
            for (CheckStatus c : notRun) sb.append("  ").append(c.check().label()).append(": ").append(c(c.reason())).append(nl);
        }
        for (String n : r.notes()) sb.append(nl).append("Note: ").append(c(n)).append(nl);
        return sb.toString();
    }

    /** "2 errors, 1 warning, 3 info" or "no findings". */
    public static String summary(VerifyReport r) {
        if (r.findings().isEmpty()) return "no findings";
        long e = r.count(Severity.ERROR), w = r.count(Severity.WARNING), i = r.count(Severity.INFO);
        return e + (e == 1 ? " error, " : " errors, ") + w + (w == 1 ? " warning, " : " warnings, ") + i + " info";
    }

    /** Process names, messages and events come from the capture: control characters as visible escapes. */
    private static String c(String s) { return TerminalText.clean(s); }

    private String time(Instant t) { return t == null ? "-" : TIME.format(t.atZone(zone)); }
}
