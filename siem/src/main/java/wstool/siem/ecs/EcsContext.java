package wstool.siem.ecs;

/**
 * What the ECS documents say about the machine and the tool, beyond each event.
 *
 * @param agentVersion ws_tool's version ({@code agent.version})
 * @param hostOsType {@code host.os.type} ("windows", "linux") when the events are this machine's own (live); null
 *     for imports and replays, whose OS the tool does not know
 * @param observerHostname {@code observer.hostname}: the machine that read another machine's capture (imports,
 *     replays); null for live jobs, where observer and host are the same
 */
public record EcsContext(String agentVersion, String hostOsType, String observerHostname) {
    /** For a live job on this machine. */
    public static EcsContext live(String agentVersion) {
        return new EcsContext(agentVersion, osType(System.getProperty("os.name", "")), null);
    }

    /** For a job that reads captures, possibly of another machine, on the machine named {@code here}. */
    public static EcsContext imported(String agentVersion, String here) {
        return new EcsContext(agentVersion, null, here);
    }

    static String osType(String osName) {
        String n = osName.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("windows")) return "windows";
        if (n.startsWith("linux")) return "linux";
        if (n.startsWith("mac")) return "macos";
        return null;
    }
}
