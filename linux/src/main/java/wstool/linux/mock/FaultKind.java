package wstool.linux.mock;

/** The faults {@code ws_tool mock} can inject, with the option that asks for each. */
public enum FaultKind {
    /** TCP reset / ICMP port unreachable: connect fails with ECONNREFUSED. */
    REFUSE("--refuse", false),
    /** Dropped: connect and sends time out. */
    BLACKHOLE("--blackhole", false),
    /** ICMP host unreachable: connect fails with EHOSTUNREACH. */
    UNREACHABLE("--unreachable", false),
    /** A TCP connection is reset once the program has sent that many bytes on it. */
    RESET_AFTER("--reset-after", true),
    /** What the program sends waits this long (netem). */
    DELAY("--delay", true),
    /** This share of what the program sends is dropped. */
    LOSS("--loss", true),
    /** What the program sends is shaped to this rate (htb). */
    RATE("--rate", true);

    private final String option;
    private final boolean takesValue;

    FaultKind(String option, boolean takesValue) {
        this.option = option;
        this.takesValue = takesValue;
    }

    public String option() { return option; }

    /** Whether the option's value starts with an amount (200ms, 10%, 64kbit, 10KB) before the scope. */
    public boolean takesValue() { return takesValue; }

    /** Whether the fault is done by the traffic control tree on the egress device. */
    public boolean shaped() { return this == DELAY || this == RATE; }

    /**
     * Whether the fault drops at the device's egress hook (nft netdev family), after the socket's send has returned:
     * a drop in the output hook would fail the send with EPERM, which no network does; a drop at egress is silent,
     * as a lost packet is.
     */
    public boolean droppedAtEgress() { return this == BLACKHOLE || this == LOSS; }

    /** Whether the output chain only marks the fault's packets (the fault itself is done on the device). */
    public boolean marked() { return shaped() || droppedAtEgress(); }
}
