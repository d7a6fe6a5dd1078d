package wstool.core.model;

import java.util.Objects;

/** An address's network or AS is on a hostile-networks list: Spamhaus DROP / ASN-DROP ("SBL123456") or IPFire's. */
public record DropListing(String id) {
    public DropListing {
        Objects.requireNonNull(id, "id");
    }
}
