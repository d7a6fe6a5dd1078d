package wstool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark's workload: every EVENT_RECORD built from the capture copies and decodes to a SocketEvent. */
class LiveCallbackBenchmarkTest {
    @Test
    void everyRecordDecodes() throws Exception {
        LiveCallbackBenchmark b = new LiveCallbackBenchmark();
        b.setUp();
        assertEquals(LiveCallbackBenchmark.EVENTS, b.socketEvents());
    }
}
