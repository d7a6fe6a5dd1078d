package wstool.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import wstool.core.filter.EventFilter;

/** The filters every event command shares; --pid is {@link PidFilter} (or part of trace's target). */
public final class FilterOptions {
    /** Filled by {@link PidFilter} or a trace target, never an option of its own here: trace's --pid is its target. */
    private final List<Long> pids = new ArrayList<>();

    @ArgGroup(exclusive = true)
    IpVersion ipVersion;

    static final class IpVersion {
        @Option(names = "-4", description = "IPv4 only.") boolean v4;
        @Option(names = "-6", description = "IPv6 only.") boolean v6;
    }

    @Option(names = "--exclude", paramLabel = "X", split = ",",
            description = "Hide a program (name or path) or an address/CIDR; repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--program", paramLabel = "NAME", split = ",",
            description = "Only events of this program (name or path); repeatable.")
    List<String> programs = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", split = ",", converter = Converters.EventType.class,
            description = "Only these kinds (drop, allow, connect, send, dns, ...) or classes (firewall, socket, dns).")
    List<String> types = new ArrayList<>();

    @Option(names = "--proto", paramLabel = "PROTO", split = ",", description = "Only these IP protocols (tcp, udp, icmp, 0-255).")
    List<String> protocols = new ArrayList<>();

    @Option(names = "--direction", paramLabel = "in|out", description = "Only inbound or outbound events.")
    String direction;

    /** @throws IllegalArgumentException naming the bad value */
    public EventFilter toFilter() {
        EventFilter.Builder b = EventFilter.builder();
        pids.forEach(b::pid);
        if (ipVersion != null) b.ipVersion(ipVersion.v4 ? 4 : 6);
        excludes.forEach(b::exclude);
        programs.forEach(b::program);
        types.forEach(b::type);
        protocols.forEach(b::protocol);
        if (direction != null) b.direction(direction);
        return b.build();
    }

    /** Narrows the events to these process ids, as --pid does. */
    FilterOptions onlyPids(List<Long> ids) {
        pids.addAll(ids);
        return this;
    }

    /** Narrows the events to one program, as --program would (used by trace --exe on captures). */
    void onlyProgram(String name) { programs.add(name); }
}
