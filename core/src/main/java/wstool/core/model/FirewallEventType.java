package wstool.core.model;

/** Kinds of firewall event: the WFP net event types, which NFLOG events map onto. */
public enum FirewallEventType {
    CLASSIFY_DROP("DROP"), CLASSIFY_ALLOW("ALLOW"), CAPABILITY_DROP("CAP_DROP"), CAPABILITY_ALLOW("CAP_ALLOW"),
    CLASSIFY_DROP_MAC("DROP_MAC"), IPSEC_KERNEL_DROP("IPSEC_DROP"), IPSEC_DOSP_DROP("DOSP_DROP"),
    IKEEXT_MM_FAILURE("IKE_MM_FAIL"), IKEEXT_QM_FAILURE("IKE_QM_FAIL"), IKEEXT_EM_FAILURE("IKE_EM_FAIL"),
    LPM_PACKET_ARRIVAL("LPM_ARRIVAL"),
    /** A logged packet whose verdict the source does not state (e.g. an NFLOG rule without a drop/accept prefix). */
    LOGGED("LOG");

    private final String label;

    FirewallEventType(String label) { this.label = label; }

    public String label() { return label; }

    public boolean isDrop() {
        return switch (this) {
            case CLASSIFY_DROP, CAPABILITY_DROP, CLASSIFY_DROP_MAC, IPSEC_KERNEL_DROP, IPSEC_DOSP_DROP -> true;
            default -> false;
        };
    }
}
