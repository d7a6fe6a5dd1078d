package wstool.core.model;

import java.util.List;

/**
 * A name resolution: query and, when known, its answers.
 *
 * @param queryType DNS RR type (1 A, 28 AAAA, ...), -1 when unknown
 * @param status DNS / Win32 status, 0 = success
 */
public record DnsEvent(EventHeader header, String queryName, int queryType, long status, String statusName,
                       List<String> results) implements NetEvent {
    public DnsEvent {
        java.util.Objects.requireNonNull(header, "header");
        results = results == null ? List.of() : List.copyOf(results);
    }

    @Override public String kind() { return "DNS"; }
    @Override public EventClass eventClass() { return EventClass.DNS; }
    @Override public Direction direction() { return Direction.OUT; }
    @Override public DnsEvent withHeader(EventHeader h) {
        return new DnsEvent(h, queryName, queryType, status, statusName, results);
    }
}
