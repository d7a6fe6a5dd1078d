package wstool.core.model;

/**
 * Where an address is: country, region, city and coordinates, each null when unknown (as GeoIP2's
 * {@code Country}/{@code City}/{@code Location} records together).
 */
public record GeoLocation(String countryCode, String countryName, String city, String region,
                          Double latitude, Double longitude) {
    public static GeoLocation country(String code, String name) { return new GeoLocation(code, name, null, null, null, null); }

    boolean isEmpty() {
        return countryCode == null && countryName == null && city == null && region == null && latitude == null && longitude == null;
    }

    /** Fields of this value with gaps filled from {@code other} (field by field: sources know different parts). */
    GeoLocation orElse(GeoLocation other) {
        if (other == null) return this;
        return new GeoLocation(Enrichment.first(countryCode, other.countryCode), Enrichment.first(countryName, other.countryName),
                Enrichment.first(city, other.city), Enrichment.first(region, other.region),
                Enrichment.first(latitude, other.latitude), Enrichment.first(longitude, other.longitude));
    }
}
