package wstool.core.model;

/**
 * The network flags of IPFire's location database (libloc {@code LOC_NETWORK_FLAG_*}): anonymous proxy, satellite
 * provider, anycast, and "drop" (a network IPFire lists as hostile).
 */
public record IpFireFlags(boolean anonymousProxy, boolean satelliteProvider, boolean anycast, boolean hostileDrop) {
    public static final IpFireFlags NONE = new IpFireFlags(false, false, false, false);

    public boolean any() { return anonymousProxy || satelliteProvider || anycast || hostileDrop; }
}
