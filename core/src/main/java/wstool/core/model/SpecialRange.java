package wstool.core.model;

import java.util.Objects;

/** The IANA special-purpose class of an address, such as "private", "loopback", "cgnat", "documentation". */
public record SpecialRange(String kind) {
    public SpecialRange {
        Objects.requireNonNull(kind, "kind");
    }
}
