package wstool.tui;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished flow as the flows view shows it, as plain data: the CLI adapts the correlation's flows into this, so
 * the view does not depend on the correlate module (and the renderer tests need no correlation).
 *
 * @param pid negative when unknown
 * @param protocol protocol name ("TCP", "UDP"), may be empty
 * @param local local endpoint as text ("10.0.0.23:51010")
 * @param remote remote endpoint as text, with its service when known
 * @param direction who initiated: "OUT", "IN" or "-"
 * @param outcome "established", "refused", "blocked", ...
 * @param detail what the outcome needs to be understood (the blocking filter, the failure status), may be empty
 * @param hostname the name the process looked up for the remote address, may be empty
 * @param geo country code, may be empty
 * @param asn "AS15169 GOOGLE", may be empty
 * @param communityId Community ID v1, may be empty
 */
public record FlowRow(Instant start, Duration duration, long pid, String process, String protocol, String local,
                      String remote, String direction, long outBytes, long inBytes, long outPackets, long inPackets,
                      String outcome, String detail, String hostname, String geo, String asn, String communityId) {
    public FlowRow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        process = process == null ? "" : process;
        protocol = protocol == null ? "" : protocol;
        local = local == null ? "" : local;
        remote = remote == null ? "" : remote;
        direction = direction == null ? "-" : direction;
        outcome = outcome == null ? "" : outcome;
        detail = detail == null ? "" : detail;
        hostname = hostname == null ? "" : hostname;
        geo = geo == null ? "" : geo;
        asn = asn == null ? "" : asn;
        communityId = communityId == null ? "" : communityId;
    }
}
