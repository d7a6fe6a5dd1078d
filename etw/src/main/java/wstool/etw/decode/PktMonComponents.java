package wstool.etw.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * What pktmon's description events say about its component ids: name and type (event 20), edge names (90). pktmon
 * logs them when the capture stops, after the packets, so the .etl source reads them first
 * ({@link wstool.etw.etl.EtlEventSource}); the decoder also learns them as they come.
 */
public final class PktMonComponents {
    /**
     * @param name the driver (NetVsc.sys, wfplwfs.sys, tcpip.sys)
     * @param description what pktmon lists ("Microsoft Hyper-V Network Adapter #2", "TCP/IPv4 - L3/L4")
     */
    public record Component(int id, String type, String name, String description) {
        /** The description, as {@code pktmon list} shows it; the driver name when there is none. */
        public String label() {
            if (description != null && !description.isEmpty()) return description;
            return name == null || name.isEmpty() ? "component " + id : name;
        }
    }

    private final Map<Integer, Component> components = new HashMap<>();
    private final Map<Long, String> edges = new HashMap<>();

    public void component(int id, String type, String name, String description) {
        components.put(id, new Component(id, type, name, description));
    }

    public void edge(int component, int edge, String name) { edges.put((long) component << 16 | edge, name); }

    public Component get(int id) { return components.get(id); }

    public String edgeName(int component, int edge) { return edges.get((long) component << 16 | edge); }

    /** The component's label, or "component N" when no description event named it. */
    public String label(int id) {
        Component c = components.get(id);
        return c == null ? "component " + id : c.label();
    }

    public int size() { return components.size(); }

    /** Adds what this table knows to {@code other} (an entry {@code other} has already is kept). */
    public void copyInto(PktMonComponents other) {
        components.forEach(other.components::putIfAbsent);
        edges.forEach(other.edges::putIfAbsent);
    }
}
