package wstool.core.model;

/**
 * A firewall verdict (WFP net event or Linux NFLOG packet).
 *
 * @param filterId WFP filter id or nftables rule handle, -1 when unknown
 * @param layerId WFP layer id or netfilter hook number, -1 when unknown
 * @param rule free text identifying the rule: NFLOG prefix, WFP provider/rule name
 */
public record FirewallEvent(EventHeader header, FirewallEventType type, Direction direction,
                            long filterId, String filterName, int layerId, String layerName, String rule)
        implements NetEvent {
    public FirewallEvent {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(type, "type");
        direction = direction == null ? Direction.UNKNOWN : direction;
    }

    @Override public String kind() { return type.label(); }
    @Override public EventClass eventClass() { return EventClass.FIREWALL; }
    @Override public FirewallEvent withHeader(EventHeader h) {
        return new FirewallEvent(h, type, direction, filterId, filterName, layerId, layerName, rule);
    }
}
