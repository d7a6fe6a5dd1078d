package wstool.tui;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import wstool.core.model.NetEvent;
import wstool.core.sink.EventField;
import wstool.core.sink.EventFields;

/**
 * Every known field of one event as "name  value" lines, in the order and with the names of the event field list
 * ({@link EventFields#ALL}, the names of the CSV columns); the source's raw fields one line each as {@code raw.KEY}.
 */
final class DetailLines {
    /** Where values start: two spaces, the label padded to 14. */
    static final int VALUE_COLUMN = 16;

    private DetailLines() {}

    static List<String> of(NetEvent e, DateTimeFormatter time) {
        List<String> l = new ArrayList<>();
        for (EventField f : EventFields.ALL) {
            if (!f.inDetail()) continue;
            Object v = f.value(e);
            if (!f.known(v)) continue;
            if (v instanceof Map<?, ?> raw) {
                raw.forEach((k, x) -> add(l, f.name() + "." + k, String.valueOf(x)));
            } else {
                add(l, f.name(), v instanceof Instant t ? time.format(t) : f.text(e));
            }
        }
        return l;
    }

    private static void add(List<String> l, String label, String value) {
        if (value.isEmpty()) return;
        StringBuilder sb = new StringBuilder("  ").append(label);
        if (sb.length() >= VALUE_COLUMN) sb.append(' ');
        while (sb.length() < VALUE_COLUMN) sb.append(' ');
        l.add(sb.append(value).toString());
    }
}
