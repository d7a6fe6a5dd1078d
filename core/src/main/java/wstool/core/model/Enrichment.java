package wstool.core.model;

/**
 * What is known about a remote address, one record per concept; a null part is unknown, and {@link #NONE} knows
 * nothing. The flat accessors ({@link #countryCode()}, {@link #asn()}, ...) read through the parts for the output
 * columns.
 *
 * @param dropListing Spamhaus DROP / ASN-DROP (or IPFire "drop") listing of the address's network or AS
 * @param ipFireFlags the flags IPFire's location database sets on the address's network; null when no such database
 *                    answered
 */
public record Enrichment(GeoLocation geo, AutonomousSystem autonomousSystem, DropListing dropListing,
                         SpecialRange specialRange, IpFireFlags ipFireFlags) {
    public static final Enrichment NONE = new Enrichment(null, null, null, null, null);

    /** Empty parts are stored as null, so equal knowledge is one value. */
    public Enrichment {
        if (geo != null && geo.isEmpty()) geo = null;
        if (autonomousSystem != null && autonomousSystem.isEmpty()) autonomousSystem = null;
    }

    public static Enrichment of(GeoLocation geo) { return new Enrichment(geo, null, null, null, null); }

    public static Enrichment of(AutonomousSystem as) { return new Enrichment(null, as, null, null, null); }

    public static Enrichment of(DropListing drop) { return new Enrichment(null, null, drop, null, null); }

    public static Enrichment of(SpecialRange special) { return new Enrichment(null, null, null, special, null); }

    public boolean isEmpty() {
        return this == NONE || (geo == null && autonomousSystem == null && dropListing == null && specialRange == null
                && ipFireFlags == null);
    }

    public boolean isDropListed() { return dropListing != null; }

    public Enrichment withDropListing(DropListing drop) {
        return new Enrichment(geo, autonomousSystem, drop, specialRange, ipFireFlags);
    }

    /** This value with gaps filled from {@code other}: how sources are combined by precedence. */
    public Enrichment orElse(Enrichment other) {
        if (other == null || other == NONE) return this;
        if (this == NONE) return other;
        return new Enrichment(geo == null ? other.geo : geo.orElse(other.geo),
                autonomousSystem == null ? other.autonomousSystem : autonomousSystem.orElse(other.autonomousSystem),
                first(dropListing, other.dropListing), first(specialRange, other.specialRange),
                first(ipFireFlags, other.ipFireFlags));
    }

    public String countryCode() { return geo == null ? null : geo.countryCode(); }

    public String countryName() { return geo == null ? null : geo.countryName(); }

    public String city() { return geo == null ? null : geo.city(); }

    public String region() { return geo == null ? null : geo.region(); }

    public Double latitude() { return geo == null ? null : geo.latitude(); }

    public Double longitude() { return geo == null ? null : geo.longitude(); }

    public Long asn() { return autonomousSystem == null ? null : autonomousSystem.number(); }

    public String asOrg() { return autonomousSystem == null ? null : autonomousSystem.organization(); }

    /** The listing id, e.g. "SBL123456", or null when not listed. */
    public String dropId() { return dropListing == null ? null : dropListing.id(); }

    /** The IANA special-purpose class, or null. */
    public String special() { return specialRange == null ? null : specialRange.kind(); }

    /** IPFire's anonymous-proxy flag; null when no IPFire database answered (so "false" means IPFire said no). */
    public Boolean anonymousProxy() { return ipFireFlags == null ? null : ipFireFlags.anonymousProxy(); }

    public Boolean satelliteProvider() { return ipFireFlags == null ? null : ipFireFlags.satelliteProvider(); }

    public Boolean anycast() { return ipFireFlags == null ? null : ipFireFlags.anycast(); }

    /** IPFire's "drop" flag: a network IPFire lists as hostile. */
    public Boolean hostileDrop() { return ipFireFlags == null ? null : ipFireFlags.hostileDrop(); }

    static <T> T first(T a, T b) { return a != null ? a : b; }
}
