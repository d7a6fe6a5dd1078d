package wstool.verify;

import wstool.core.sink.TerminalText;
import java.util.List;
import java.util.Map;

/** The report for people, as Markdown: summary, findings by process then code, checks not run, counters. */
final class ReportMarkdown {
    private ReportMarkdown() {}

    public static String render(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ws_tool socket verification\n\n");
        sb.append("**").append(ReportText.summary(r)).append("**");
        if (r.traceStart() != null) sb.append(" in the trace from ").append(r.traceStart()).append(" to ").append(r.traceEnd());
        sb.append(".\n");
        for (Map.Entry<VerifyReport.ProcessKey, List<Finding>> p : r.byProcess().entrySet()) {
            sb.append("\n## ").append(esc(p.getKey().label())).append("\n");
            for (Finding f : p.getValue()) {
                sb.append("\n### ").append(f.check().label()).append(" (").append(f.severity().label()).append(")");
                if (!f.endpoint().isEmpty()) sb.append(" `").append(TerminalText.clean(f.endpoint()).replace("`", "'")).append('`');
                sb.append("\n\n").append(esc(f.message())).append("\n\n");
                sb.append("- count: ").append(f.count()).append('\n');
                if (f.first() != null) sb.append("- first: ").append(f.first()).append(", last: ").append(f.last()).append('\n');
                for (Map.Entry<String, String> d : f.details().entrySet()) {
                    sb.append("- ").append(d.getKey()).append(": ").append(esc(d.getValue())).append('\n');
                }
                if (!f.evidence().isEmpty()) {
                    sb.append("\n| time | event |\n|---|---|\n");
                    for (Evidence e : f.evidence()) {
                        sb.append("| ").append(e.timestamp()).append(" | ").append(cell(e.event())).append(" |\n");
                    }
                }
            }
        }
        sb.append("\n## Checks\n\n| check | severity | ran | why |\n|---|---|---|---|\n");
        for (CheckStatus c : r.checks()) {
            sb.append("| ").append(c.check().label()).append(" | ").append(c.check().severity().label()).append(" | ")
              .append(c.ran() ? "yes" : "**no**").append(" | ").append(cell(c.reason())).append(" |\n");
        }
        if (!r.notes().isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (String n : r.notes()) sb.append("- ").append(esc(n)).append('\n');
        }
        sb.append("\n## Counters\n\n");
        for (Map.Entry<String, Long> s : r.stats().entrySet()) sb.append("- ").append(s.getKey()).append(": ").append(s.getValue()).append('\n');
        return sb.toString();
    }

    /** Markdown-escaped; control characters from the capture as visible escapes (the file is read with cat too). */
    private static String esc(String s) {
        return s == null ? "" : TerminalText.clean(s).replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;");
    }

    private static String cell(String s) { return esc(s).replace("|", "\\|").replace("\n", " "); }
}
