package wstool.core.model;

/** The autonomous system announcing an address (as GeoIP2's {@code AsnResponse}); either part may be null. */
public record AutonomousSystem(Long number, String organization) {
    boolean isEmpty() { return number == null && organization == null; }

    AutonomousSystem orElse(AutonomousSystem other) {
        if (other == null) return this;
        return new AutonomousSystem(Enrichment.first(number, other.number), Enrichment.first(organization, other.organization));
    }
}
