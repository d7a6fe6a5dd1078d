package wstool.siem.ecs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import wstool.core.GoldenEvents;
import wstool.core.model.EventClass;
import wstool.core.model.NetEvent;

/**
 * One golden ECS file per event class (siem/src/test/resources/golden/ecs-CLASS.ndjson), from the core's golden events;
 * the live form (host OS, no observer). On a difference the new output goes to target/golden/.
 */
class EcsGoldenTest {
    @Test
    void eachClassMatchesItsGoldenFile() throws IOException {
        EcsMapper mapper = new EcsMapper(new EcsContext("0.1.0", "windows", null));
        StringBuilder problems = new StringBuilder();
        for (EventClass c : EventClass.values()) {
            StringBuilder out = new StringBuilder();
            for (NetEvent e : GoldenEvents.all()) if (e.eventClass() == c) out.append(EcsSink.line(mapper, e)).append('\n');
            String name = "ecs-" + c.name().toLowerCase(Locale.ROOT) + ".ndjson";
            String expected = golden(name);
            if (!out.toString().equals(expected)) {
                Path p = Path.of("target", "golden", name);
                Files.createDirectories(p.getParent());
                Files.writeString(p, out, StandardCharsets.UTF_8);
                problems.append(name).append(" differs; new output in ").append(p.toAbsolutePath()).append('\n');
            }
        }
        if (problems.length() > 0) fail(problems.toString());
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = EcsGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
