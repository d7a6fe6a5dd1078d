package wstool.enrich;

/** Small test databases for other modules' tests (through the enrich test-jar). */
public final class LocationDbTestData {
    private LocationDbTestData() {}

    public static byte[] small() { return LocationDbTest.small(); }
}
