package wstool.wfp;

/**
 * What a WFP filter is (FWPM_FILTER0 with its provider's and sublayer's names resolved): who put it there and what
 * it does. Any part may be null when the source does not say.
 *
 * @param id the runtime filter id net events name ({@code filterId})
 * @param key the filter's GUID, or its FWPM_* name as netsh writes built-in ones
 * @param providerKey the provider's GUID or FWPM_PROVIDER_* name; null for a filter without provider
 * @param providerName the provider's display name ("Microsoft Corporation", a VPN client, an endpoint agent)
 * @param action FWP_ACTION_BLOCK, FWP_ACTION_PERMIT, FWP_ACTION_CALLOUT_TERMINATING, ...
 */
public record WfpFilter(long id, String key, String name, String description, String providerKey, String providerName,
                        String layerKey, String subLayerKey, String subLayerName, String action) {
    /**
     * The Windows Firewall (MPSSVC) provider: its filters are the firewall's rules, each named as the rule
     * (FWPM_PROVIDER_MPSSVC_WF; its GUID as fwpmu.h's DEFINE_GUID has it: decc16ca-3f33-4346-be1e-8fb4ae0f3d62, not
     * 4b153735-..., which is FWPM_PROVIDER_MPSSVC_WSH, Windows Service Hardening). netsh writes built-in keys by name.
     */
    public static final String WINDOWS_FIREWALL = "FWPM_PROVIDER_MPSSVC_WF";
    static final String WINDOWS_FIREWALL_GUID = "{decc16ca-3f33-4346-be1e-8fb4ae0f3d62}";

    /** The Windows Firewall rule this filter implements, or null for a filter of another provider. */
    public String firewallRule() {
        return providerKey != null && (providerKey.equals(WINDOWS_FIREWALL) || providerKey.equalsIgnoreCase(WINDOWS_FIREWALL_GUID))
                ? name : null;
    }

    /** Who blocked it, for people: the firewall rule, or the provider (its key when it has no name), or null. */
    public String owner() {
        String rule = firewallRule();
        if (rule != null) return "Windows Firewall rule \"" + rule + "\"";
        if (providerName != null) return providerName;
        return providerKey;
    }
}
