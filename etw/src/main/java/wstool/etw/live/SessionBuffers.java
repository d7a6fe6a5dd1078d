package wstool.etw.live;

/**
 * The session's buffer pool (EVENT_TRACE_PROPERTIES BufferSize, MinimumBuffers, MaximumBuffers).
 *
 * <p>Defaults sized for about 200,000 events/s (estimated, not measured on Windows): the real Kernel-Network
 * capture in fixtures/etl holds 8,923 events in 1,056,768 bytes, about 120 bytes per event with buffer overhead;
 * with AFD's socket addresses count 150 bytes, so 200 k/s fill about 30 MB/s, 115 buffers of 256 KB a second. 128
 * buffers at most (32 MB) absorb a consumer that falls behind by about a second; 16 (4 MB) are kept from the start.
 * 256 KB is the size krabsetw's documentation and osquery's ETW tables use for busy sessions.
 *
 * @param bufferKb kilobytes per buffer: 4 to 16,384 (EVENT_TRACE_PROPERTIES: "The minimum buffer size is 4 (4KB).
 *                 The maximum buffer size is 16384 (16MB)"; 1,024 before Windows 8)
 * @param minBuffers buffers allocated at start, at least 2
 * @param maxBuffers buffers at most, at least {@code minBuffers}
 */
public record SessionBuffers(int bufferKb, int minBuffers, int maxBuffers) {

    public static final SessionBuffers DEFAULT = new SessionBuffers(256, 16, 128);
    public static final int MAX_BUFFER_KB = 16_384;
    public static final int MAX_BUFFERS = 65_536;

    /** @throws IllegalArgumentException saying which value is out of range */
    public SessionBuffers {
        if (bufferKb < 4 || bufferKb > MAX_BUFFER_KB) {
            throw new IllegalArgumentException("ETW buffer size must be 4 to " + MAX_BUFFER_KB + " KB, not " + bufferKb);
        }
        if (minBuffers < 2 || maxBuffers < minBuffers || maxBuffers > MAX_BUFFERS) {
            throw new IllegalArgumentException("ETW buffers must be MIN,MAX with 2 <= MIN <= MAX <= " + MAX_BUFFERS
                    + ", not " + minBuffers + "," + maxBuffers);
        }
    }
}
