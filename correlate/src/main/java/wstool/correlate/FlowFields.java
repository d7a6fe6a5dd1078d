package wstool.correlate;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;
import wstool.core.model.Source;
import wstool.core.net.IpProtocols;
import wstool.core.net.Services;

/** The flow columns, listed once for the CSV and JSON Lines flow files (README, "Flows"). */
public final class FlowFields {
    /** A column: its name and how its value is read; null = empty/omitted. */
    public record Field(String name, Function<Flow, Object> value) {}

    public static final List<Field> ALL = List.of(
            new Field("start", Flow::start),
            new Field("end", Flow::end),
            new Field("duration_ms", f -> f.duration().toMillis()),
            new Field("host", Flow::host),
            new Field("protocol", f -> f.protocol() < 0 ? null : IpProtocols.name(f.protocol())),
            new Field("local_address", f -> f.local().address()),
            new Field("local_port", f -> f.local().port() < 0 ? null : f.local().port()),
            new Field("remote_address", f -> f.remote().address()),
            new Field("remote_port", f -> f.remote().port() < 0 ? null : f.remote().port()),
            new Field("service", FlowFields::service),
            new Field("direction", Flow::initiator),
            new Field("pid", f -> f.pid() < 0 ? null : f.pid()),
            new Field("process", Flow::process),
            new Field("user", Flow::user),
            new Field("pid_source", f -> f.pidCorrelated() ? "correlated" : null),
            new Field("out_bytes", Flow::outBytes),
            new Field("in_bytes", Flow::inBytes),
            new Field("out_packets", Flow::outPackets),
            new Field("in_packets", Flow::inPackets),
            new Field("outcome", f -> f.outcome().label()),
            new Field("status_name", Flow::failureStatus),
            new Field("filter_id", f -> f.blockedFilterId() < 0 ? null : f.blockedFilterId()),
            new Field("filter_name", Flow::blockedFilterName),
            new Field("rule", Flow::blockedRule),
            new Field("verdicts", Flow::verdicts),
            new Field("hostname", Flow::hostname),
            new Field("country_code", f -> f.enrichment().countryCode()),
            new Field("asn", f -> f.enrichment().asn()),
            new Field("as_org", f -> f.enrichment().asOrg()),
            new Field("drop_id", f -> f.enrichment().dropId()),
            new Field("community_id", Flow::communityId),
            new Field("end_reason", f -> f.endReason() == null ? null : f.endReason().name().toLowerCase(java.util.Locale.ROOT)),
            new Field("sources", f -> f.sources().stream().map(Source::name).toList()));

    public static final List<String> NAMES = ALL.stream().map(Field::name).toList();

    private FlowFields() {}

    private static String service(Flow f) {
        if (f.protocol() < 0) return null;
        int lo = Math.min(f.local().port(), f.remote().port());
        int hi = Math.max(f.local().port(), f.remote().port());
        String name = lo >= 0 && lo < 49152 ? Services.iana().name(lo, f.protocol()) : null;
        return name != null ? name : hi >= 0 && hi < 49152 ? Services.iana().name(hi, f.protocol()) : null;
    }

    /** The value as text, as the CSV writes it. */
    static String text(Object v) {
        if (v instanceof InetAddress a) return wstool.core.net.Addresses.text(a); // RFC 5952, as the event outputs
        if (v instanceof Enum<?> e) return e.name();
        if (v instanceof List<?> l) return String.join(" ", l.stream().map(String::valueOf).toList());
        return v.toString();
    }


}
