package wstool.tui;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pipeline-side numbers the header shows, sampled once per frame.
 *
 * @param source the sources' names ("replay of demo.jsonl")
 * @param live whether a live source is running (else offline: file, replay)
 * @param delivered events that passed the filters (the pipeline's count; includes events the ring no longer holds)
 * @param dropped events the pipeline dropped because its queue was full
 * @param lost events the sources report lost (ETW EventsLost, NFLOG ENOBUFS)
 * @param dataSources enrichment data in use with its age, e.g. "GeoLite2-City 3 d"
 * @param finished the sources have ended (the view stays until the user quits)
 * @param forwardLost messages a forwarding output (--syslog) could not keep, -1 when there is none
 * @param dropChecked whether a DROP list is loaded; without one the view says "DROP not checked", never "no hits"
 * @param status the job's own status line (mock's applied-fault counts), or null
 */
record HeaderInfo(String source, boolean live, Duration elapsed, double rate1s, double rate1m,
                         long delivered, Map<String, Long> byKind, long dropped, long lost,
                         List<String> dataSources, boolean finished, long forwardLost, boolean dropChecked,
                         String status) {
    public HeaderInfo {
        byKind = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byKind));
        dataSources = List.copyOf(dataSources);
    }

    /** Without a status line. */
    public HeaderInfo(String source, boolean live, Duration elapsed, double rate1s, double rate1m,
                      long delivered, Map<String, Long> byKind, long dropped, long lost,
                      List<String> dataSources, boolean finished, long forwardLost, boolean dropChecked) {
        this(source, live, elapsed, rate1s, rate1m, delivered, byKind, dropped, lost, dataSources, finished, forwardLost,
                dropChecked, null);
    }

    /** With a DROP list loaded. */
    public HeaderInfo(String source, boolean live, Duration elapsed, double rate1s, double rate1m,
                      long delivered, Map<String, Long> byKind, long dropped, long lost,
                      List<String> dataSources, boolean finished, long forwardLost) {
        this(source, live, elapsed, rate1s, rate1m, delivered, byKind, dropped, lost, dataSources, finished, forwardLost, true);
    }

    /** Without a forwarding output, with a DROP list loaded. */
    public HeaderInfo(String source, boolean live, Duration elapsed, double rate1s, double rate1m,
                      long delivered, Map<String, Long> byKind, long dropped, long lost,
                      List<String> dataSources, boolean finished) {
        this(source, live, elapsed, rate1s, rate1m, delivered, byKind, dropped, lost, dataSources, finished, -1, true);
    }
}
