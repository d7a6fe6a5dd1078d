package wstool.cli;

import wstool.core.model.Direction;
import wstool.core.model.Enrichment;
import wstool.core.net.IpProtocols;
import wstool.correlate.Flow;
import wstool.correlate.FlowFields;
import wstool.correlate.Outcome;
import wstool.tui.FlowRow;

/** Adapts a finished flow to a row of the full-screen view's flows list (which knows no correlation). */
final class FlowRows {
    private static final FlowFields.Field SERVICE = FlowFields.ALL.stream().filter(f -> f.name().equals("service"))
            .findFirst().orElseThrow();

    private FlowRows() {}

    static FlowRow of(Flow f) {
        Object service = SERVICE.value().apply(f);
        String remote = f.remote().toString() + (service == null ? "" : " " + service);
        Enrichment en = f.enrichment();
        String asn = en.asn() == null ? null : en.asOrg() == null ? "AS" + en.asn() : "AS" + en.asn() + " " + en.asOrg();
        return new FlowRow(f.start(), f.duration(), f.pid(), name(f.process()),
                f.protocol() < 0 ? null : IpProtocols.name(f.protocol()), f.local().toString(), remote,
                f.initiator() == Direction.UNKNOWN ? "-" : f.initiator().name(), f.outBytes(), f.inBytes(),
                f.outPackets(), f.inPackets(), f.outcome().label(), detail(f), f.hostname(), en.countryCode(), asn,
                f.communityId());
    }

    /** What explains the outcome: the filter that blocked it (with its rule), or the failure's status. */
    private static String detail(Flow f) {
        if (f.outcome() == Outcome.BLOCKED) {
            String filter = f.blockedFilterName() != null ? f.blockedFilterName()
                    : f.blockedFilterId() >= 0 ? "filter " + f.blockedFilterId() : null;
            if (f.blockedRule() != null) filter = filter == null ? f.blockedRule() : filter + " " + f.blockedRule();
            return filter;
        }
        return f.failureStatus();
    }

    private static String name(String process) {
        if (process == null) return null;
        int cut = Math.max(process.lastIndexOf('\\'), process.lastIndexOf('/'));
        return cut < 0 ? process : process.substring(cut + 1);
    }
}
