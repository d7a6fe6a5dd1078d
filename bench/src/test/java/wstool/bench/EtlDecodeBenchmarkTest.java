package wstool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import wstool.etw.decode.EventDecoder;

/** The benchmark's workload decodes every event of every in-memory copy. */
class EtlDecodeBenchmarkTest {
    @Test
    void everyCopyDecodesFully() throws Exception {
        byte[] data = EtlDecodeBenchmark.repeated(EtlDecodeBenchmark.fixture(), 3);
        assertEquals(3 * EtlDecodeBenchmark.EVENTS_PER_COPY, EtlDecodeBenchmark.decodeAll(data, new EventDecoder()));
    }
}
