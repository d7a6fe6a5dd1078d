package wstool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark measures what it claims: every generated lifecycle is clean, so the verifier finds nothing. */
class VerifierBenchmarkTest {
    @Test
    void cleanLifecyclesGiveNoFindings() {
        VerifierBenchmark b = new VerifierBenchmark();
        b.setUp();
        assertEquals(VerifierBenchmark.EVENTS, b.events.length);
        assertEquals(0, b.verify());
    }
}
