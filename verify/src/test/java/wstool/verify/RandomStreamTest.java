package wstool.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import wstool.core.model.ProcessExit;
import wstool.core.model.SocketOp;
import wstool.core.model.Source;

/** Seeded random event streams (any order, any phase, reused ids, exits): no exception, bounded output, sane findings. */
@Timeout(60)
class RandomStreamTest {
    @Test
    void randomStreamsNeverBreakTheVerifier() throws Exception {
        SocketOp[] ops = SocketOp.values();
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            VerifierLimits limits = new VerifierLimits(8, 16, 8, 4, 5, Duration.ofMillis(rnd.nextInt(2000)));
            SocketVerifier v = new SocketVerifier(limits);
            for (int i = 0; i < 20_000; i++) {
                long ms = i * 2L + rnd.nextInt(40) - 20;                // jitter: out-of-order delivery
                if (rnd.nextInt(500) == 0) {
                    v.accept(ProcessExit.of(Ev.t(ms), Source.ETW_AFD, rnd.nextInt(12), null, null));
                    continue;
                }
                Ev e = Ev.at(ms, ops[rnd.nextInt(ops.length)]).pid(rnd.nextInt(12) - 1).id(rnd.nextInt(40) - 1);
                if (rnd.nextBoolean()) e.linux(rnd.nextInt(40));
                switch (rnd.nextInt(3)) {
                    case 0 -> e.start();
                    case 1 -> e.complete();
                    default -> { }
                }
                if (rnd.nextInt(4) == 0) e.buffer(rnd.nextInt(3000) - 1);
                if (rnd.nextInt(3) == 0) e.bytes(rnd.nextInt(3000) - 1);
                if (rnd.nextInt(10) == 0) e.status(0xC0000000L | rnd.nextInt(0x300), null);
                if (rnd.nextInt(30) == 0) e.remote("192.0.2." + rnd.nextInt(4), 80).drop(rnd.nextBoolean() ? "SBL1" : null);
                if (rnd.nextInt(30) == 0) e.local(rnd.nextBoolean() ? "0.0.0.0" : "127.0.0.1", 8000);
                if (rnd.nextInt(20) == 0) e.noStatus();
                v.accept(e.build());
                if (i % 5000 == 0) assertFalse(v.snapshot().finished());
            }
            VerifyReport r = v.report();
            assertTrue(r.findings().size() <= 14L * Check.values().length * limits.maxFindingsPerCheck(), "seed " + seed);
            for (Finding f : r.findings()) {
                assertNotNull(f.message(), "seed " + seed + " " + f);
                assertNotNull(f.first(), "seed " + seed + " " + f);
                assertTrue(f.count() >= 1);
                assertTrue(f.evidence().size() <= FindingBuilder.MAX_EVIDENCE);
            }
            VerifySnapshot s = v.snapshot();
            assertEquals(r.findings().size(), s.errors() + s.warnings() + s.infos());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportJson.write(r, out);
            assertTrue(out.size() > 0);
            assertFalse(ReportMarkdown.render(r).isEmpty());
        }
    }
}
