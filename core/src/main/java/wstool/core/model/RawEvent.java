package wstool.core.model;

/**
 * An event the decoder has no schema for: kept, not dropped, so nothing captured is lost.
 *
 * @param provider provider GUID or name
 * @param payloadHex the undecoded payload, lower-case hex
 */
public record RawEvent(EventHeader header, String provider, int eventId, int version, String payloadHex)
        implements NetEvent {
    public RawEvent {
        java.util.Objects.requireNonNull(header, "header");
    }

    @Override public String kind() { return "RAW"; }
    @Override public EventClass eventClass() { return EventClass.RAW; }
    @Override public Direction direction() { return Direction.UNKNOWN; }
    @Override public RawEvent withHeader(EventHeader h) { return new RawEvent(h, provider, eventId, version, payloadHex); }
}
