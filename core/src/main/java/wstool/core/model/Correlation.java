package wstool.core.model;

/**
 * What ws_tool itself worked out about an event from the other events around it (not what the source reported).
 *
 * @param hostname the name a DNS answer seen before the event gave for the remote address (the name asked, not a
 *                 CNAME target), null when none was seen
 * @param pidSource how the header's pid was found: null when the source reported it itself (or there is none),
 *                  {@link PidSource#CORRELATED} when it was taken from the matching socket event
 */
public record Correlation(String hostname, PidSource pidSource) {
    public static final Correlation NONE = new Correlation(null, null);

    public Correlation {
        hostname = hostname == null || hostname.isEmpty() ? null : hostname;
    }

    public static Correlation of(String hostname, PidSource pidSource) {
        return hostname == null && pidSource == null ? NONE : new Correlation(hostname, pidSource);
    }

    public Correlation withHostname(String name) { return of(name, pidSource); }

    public Correlation withPidSource(PidSource source) { return of(hostname, source); }
}
