package wstool.core.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValueKindTest {
    /** A constant with a body has a class of its own, a subclass of its enum. */
    private enum WithBody {
        PLAIN,
        SPECIAL {
            @Override public String toString() { return "special"; }
        }
    }

    @Test
    void everyModelValueHasItsKind() throws Exception {
        assertEquals(ValueKind.STRING, ValueKind.of("x"));
        assertEquals(ValueKind.ENUM, ValueKind.of(TimeUnit.SECONDS));
        assertEquals(ValueKind.ENUM, ValueKind.of(WithBody.SPECIAL));
        assertEquals(ValueKind.INTEGER, ValueKind.of(7));
        assertEquals(ValueKind.LONG, ValueKind.of(7L));
        assertEquals(ValueKind.ADDRESS, ValueKind.of(InetAddress.getByName("192.0.2.1")));
        assertEquals(ValueKind.ADDRESS, ValueKind.of(InetAddress.getByName("2001:db8::1")));
        assertEquals(ValueKind.INSTANT, ValueKind.of(Instant.EPOCH));
        assertEquals(ValueKind.MAP, ValueKind.of(Map.of("k", "v")));
        assertEquals(ValueKind.DOUBLE, ValueKind.of(1.5));
        assertEquals(ValueKind.BOOLEAN, ValueKind.of(true));
        assertEquals(ValueKind.LIST, ValueKind.of(List.of("a")));
        assertEquals(ValueKind.OTHER, ValueKind.of(new StringBuilder("x")));
    }

    @Test
    void theCacheFollowsTheClassOfTheValue() {
        ValueKind.Cache c = new ValueKind.Cache();
        assertEquals(ValueKind.STRING, c.of("a"));
        assertEquals(ValueKind.MAP, c.of(Map.of()));
        assertEquals(ValueKind.STRING, c.of("b"));
        assertEquals(ValueKind.ENUM, c.of(WithBody.PLAIN));
        assertNotEquals(WithBody.PLAIN.getClass(), WithBody.SPECIAL.getClass());
        assertEquals(ValueKind.ENUM, c.of(WithBody.SPECIAL));
        assertEquals(ValueKind.LONG, c.of(1L));
        assertEquals(ValueKind.INTEGER, c.of(1));
    }
}
