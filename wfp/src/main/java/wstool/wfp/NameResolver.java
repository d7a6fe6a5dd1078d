package wstool.wfp;

/**
 * Turns the ids in a net event into names. Every method returns null when it knows no name; implementations must be
 * cheap after the first call for a key (they run on the callback or reader thread).
 */
public interface NameResolver {
    String filterName(long filterId);

    String layerName(int layerId);

    /** What the filter is (provider, sublayer, action, rule), or null when unknown or not looked up live. */
    default WfpFilter filter(long filterId) { return null; }

    /** A drive path (C:\...) for an app id device path (\device\harddiskvolume1\...), or null. */
    String drivePath(String devicePath);

    /** DOMAIN\account for a SID string, or null. */
    String account(String sid);

    /** Resolves nothing but the SIDs that are the same on every Windows machine. */
    NameResolver NONE = new NameResolver() {
        @Override public String filterName(long filterId) { return null; }
        @Override public String layerName(int layerId) { return null; }
        @Override public String drivePath(String devicePath) { return null; }
        @Override public String account(String sid) { return WellKnownSids.name(sid); }
    };
}
