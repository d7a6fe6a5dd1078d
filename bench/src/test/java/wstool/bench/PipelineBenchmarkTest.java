package wstool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import wstool.core.filter.EventFilter;
import wstool.core.model.NetEvent;

/** The benchmark measures real work: every event reaches the CSV sink through the threaded pipeline. */
class PipelineBenchmarkTest {
    @Test
    void benchmarkWorkloadDeliversEveryEvent() throws Exception {
        NetEvent[] events = SyntheticEvents.mix(20_000, 1);
        assertEquals(20_000, PipelineBenchmark.run(events, EventFilter.all()));
        assertEquals(0, PipelineBenchmark.run(events, EventFilter.builder().protocol("udp").build()));
    }
}
