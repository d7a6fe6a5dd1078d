package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    @Test
    void sameTextAsInstantToStringForEveryPrecision() {
        IsoTimestamps f = new IsoTimestamps();
        Random r = new Random(7);
        long base = Instant.parse("2026-11-20T09:15:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> r.nextInt(1_000_000_000);
                case 1 -> r.nextInt(1_000_000) * 1000;
                case 2 -> r.nextInt(1000) * 1_000_000;
                default -> 0;
            };
            Instant t = Instant.ofEpochSecond(base + r.nextInt(5) - (i % 1000 == 0 ? 100_000_000L : 0), nanos);
            assertEquals(t.toString(), f.format(t));
        }
    }
}
