package wstool.etw.decode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the decoder has learnt about processes and AFD endpoints: EPROCESS address to PID (from create events'
 * ProcessId and from request-start events, which run in the caller's context), endpoint to PID / socket triple, and
 * PID to image name (Kernel-Process events).
 * Bounded: the oldest entries go first when a map is full. One per decoding stream; not thread-safe.
 */
public final class AttributionState {
    /** Socket facts remembered from an endpoint's create event. */
    public record EndpointInfo(long pid, int family, int socketType, int protocol) {}

    private final int capacity;
    private final Map<Long, Long> processes;
    private final Map<Long, EndpointInfo> endpoints;
    private final Map<Long, String> images;

    public AttributionState() { this(1 << 20); }

    public AttributionState(int capacity) {
        this.capacity = capacity;
        this.processes = bounded();
        this.endpoints = bounded();
        this.images = bounded();
    }

    private <V> Map<Long, V> bounded() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) { return size() > capacity; }
        };
    }

    public void learnProcess(long eprocess, long pid) {
        if (eprocess != 0 && pid > 0) processes.put(eprocess, pid);
    }

    /** PID for an EPROCESS address, -1 when not learnt. */
    public long pidOfProcess(long eprocess) {
        Long p = processes.get(eprocess);
        return p == null ? -1 : p;
    }

    public void learnEndpoint(long endpoint, EndpointInfo info) {
        if (endpoint != 0) endpoints.put(endpoint, info);
    }

    public EndpointInfo endpoint(long endpoint) { return endpoints.get(endpoint); }

    public void forgetEndpoint(long endpoint) { endpoints.remove(endpoint); }

    /** The image a Kernel-Process start or stop event named for a PID (kept after the stop: events may trail it). */
    public void learnImage(long pid, String image) {
        if (pid > 0 && image != null && !image.isEmpty()) images.put(pid, image);
    }

    /** The image learnt for a PID, or null. */
    public String image(long pid) { return images.isEmpty() ? null : images.get(pid); }

    public int processCount() { return processes.size(); }
    public int endpointCount() { return endpoints.size(); }
}
