package wstool.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Fields every event has.
 *
 * @param pid process id, {@link #UNKNOWN_PID} when the event could not be attributed to a process
 * @param process full image path or name as the source reports it (may be null)
 * @param ipProtocol IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6), -1 when unknown
 * @param raw source-specific fields, kept verbatim for the detail view and lossless export (ordered)
 * @param enrichment what is known about the remote address; {@link Enrichment#NONE} until enriched
 * @param host the name of the machine the event happened on, null when unknown (an import that does not say)
 * @param correlation what ws_tool found out from the events around this one (hostname, correlated pid)
 */
public record EventHeader(Instant timestamp, Source source, long pid, String process, String user,
                          int ipProtocol, Endpoint local, Endpoint remote,
                          Map<String, String> raw, Enrichment enrichment, String host,
                          Correlation correlation) {
    public static final long UNKNOWN_PID = -1;

    public EventHeader {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(source, "source");
        local = local == null ? Endpoint.NONE : local;
        remote = remote == null ? Endpoint.NONE : remote;
        raw = RawFields.freeze(raw);
        enrichment = enrichment == null ? Enrichment.NONE : enrichment;
        host = host == null || host.isEmpty() ? null : host;
        correlation = correlation == null ? Correlation.NONE : correlation;
    }

    /** A header nothing has been correlated to yet: what every source makes. */
    public EventHeader(Instant timestamp, Source source, long pid, String process, String user,
                       int ipProtocol, Endpoint local, Endpoint remote,
                       Map<String, String> raw, Enrichment enrichment, String host) {
        this(timestamp, source, pid, process, user, ipProtocol, local, remote, raw, enrichment, host, Correlation.NONE);
    }

    /** A header whose host is not known yet: sources leave it to the job, which knows which machine it watches. */
    public EventHeader(Instant timestamp, Source source, long pid, String process, String user,
                       int ipProtocol, Endpoint local, Endpoint remote,
                       Map<String, String> raw, Enrichment enrichment) {
        this(timestamp, source, pid, process, user, ipProtocol, local, remote, raw, enrichment, null, Correlation.NONE);
    }

    public EventHeader withEnrichment(Enrichment e) {
        return new EventHeader(timestamp, source, pid, process, user, ipProtocol, local, remote, raw, e, host, correlation);
    }

    public EventHeader withProcess(long newPid, String newProcess) {
        return new EventHeader(timestamp, source, newPid, newProcess, user, ipProtocol, local, remote, raw, enrichment, host, correlation);
    }

    public EventHeader withHost(String name) {
        return new EventHeader(timestamp, source, pid, process, user, ipProtocol, local, remote, raw, enrichment, name, correlation);
    }

    public EventHeader withCorrelation(Correlation c) {
        return new EventHeader(timestamp, source, pid, process, user, ipProtocol, local, remote, raw, enrichment, host, c);
    }

    /** The pid, process and user of another event, marked as correlated (the user and process kept if known). */
    public EventHeader withCorrelatedProcess(long newPid, String newProcess, String newUser) {
        return new EventHeader(timestamp, source, newPid, process != null ? process : newProcess,
                user != null ? user : newUser, ipProtocol, local, remote, raw, enrichment, host,
                correlation.withPidSource(PidSource.CORRELATED));
    }

    public boolean attributed() { return pid != UNKNOWN_PID; }

    /** The file name part of {@link #process()}, for either path separator. */
    public String processName() {
        if (process == null) return null;
        int cut = Math.max(process.lastIndexOf('\\'), process.lastIndexOf('/'));
        return cut < 0 ? process : process.substring(cut + 1);
    }
}
