package wstool.core.model;

/**
 * What is known about a remote address: geolocation, ASN, Spamhaus DROP listing and the IANA special-purpose
 * class. Every field may be null (unknown); {@link #NONE} is the empty value.
 *
 * @param dropId Spamhaus listing id (e.g. "SBL123456") when the address or its ASN is on DROP / ASN-DROP
 * @param special IANA special-purpose class such as "private", "loopback", "cgnat", "documentation"
 */
public record Enrichment(String countryCode, String countryName, String city, String region,
                         Double latitude, Double longitude, Long asn, String asOrg,
                         String dropId, String special) {
    public static final Enrichment NONE = new Enrichment(null, null, null, null, null, null, null, null, null, null);

    public boolean isEmpty() { return this == NONE || this.equals(NONE); }

    public boolean isDropListed() { return dropId != null; }

    /** Fields of this value, with gaps filled from {@code other}: used to combine sources by precedence. */
    public Enrichment orElse(Enrichment other) {
        if (other == null || other == NONE) return this;
        return new Enrichment(
                first(countryCode, other.countryCode), first(countryName, other.countryName),
                first(city, other.city), first(region, other.region),
                first(latitude, other.latitude), first(longitude, other.longitude),
                first(asn, other.asn), first(asOrg, other.asOrg),
                first(dropId, other.dropId), first(special, other.special));
    }

    private static <T> T first(T a, T b) { return a != null ? a : b; }
}
