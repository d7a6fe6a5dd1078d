package wstool.cli;

import java.util.ArrayList;
import java.util.List;
import wstool.tui.FindingsView;
import wstool.verify.Finding;
import wstool.verify.Severity;
import wstool.verify.VerifySnapshot;

/** Adapts the socket verifier's live snapshot to the full-screen view's findings panel (which knows no verifier). */
final class VerifyFindings {
    private VerifyFindings() {}

    static FindingsView view(VerifySnapshot snapshot) {
        List<FindingsView.Item> items = new ArrayList<>(snapshot.findings().size());
        for (Finding f : snapshot.findings()) {
            items.add(new FindingsView.Item(f.pid(), f.process(), f.code(), f.check().title(), severity(f.severity()),
                    f.endpoint(), f.count(), f.last(), f.message()));
        }
        return new FindingsView(items, snapshot.finished());
    }

    private static FindingsView.Severity severity(Severity s) {
        if (s == Severity.ERROR) return FindingsView.Severity.ERROR;
        if (s == Severity.WARNING) return FindingsView.Severity.WARNING;
        return FindingsView.Severity.INFO;
    }
}
